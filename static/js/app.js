// Initialise NHS.UK frontend components, on page load and in content htmx swaps in.
//
// nhsuk-frontend v10 is an ES module with no global: base.html loads it with
// <script type="module" data-nhsuk-frontend>, and importing that exact URL here reuses
// the same module instance (and keeps working when collectstatic hashes file names).
// No inline script may run under the Content-Security-Policy, so the body classes the
// NHS.UK page template sets inline are set here too.
const script = document.querySelector("script[data-nhsuk-frontend]");

if (script) {
  document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
  const { initAll, InitError } = await import(script.src);
  initAll();
  // htmx fires htmx:load on each new element. NHS.UK frontend only looks below its
  // scope, so start from the parent in case the new element is itself a component;
  // components already set up throw InitError, which is expected here.
  document.addEventListener("htmx:load", (event) => {
    initAll({
      scope: event.target.parentElement ?? event.target,
      onError(error) {
        if (!(error instanceof InitError)) {
          console.error(error);
        }
      },
    });
  });
}

// A report or funder pack being prepared starts its own download once it is ready:
// when htmx swaps the ready state into the waiting page, or when a page loads ready.
// (Without JavaScript the page refreshes itself to the file instead.)
function startDownload(root) {
  const link = root.matches?.("[data-download-start]")
    ? root
    : root.querySelector?.("[data-download-start]");
  if (link && !link.dataset.downloadStarted) {
    link.dataset.downloadStarted = "true";
    window.location.assign(link.href);
  }
}

startDownload(document);
document.addEventListener("htmx:load", (event) => startDownload(event.target));

// A "copy" button copies the text of the field it names. It is hidden until this runs,
// so without JavaScript there is no button that does nothing: the field itself is there
// to select and copy.
function copyButtons(root) {
  for (const button of root.querySelectorAll?.("[data-copy]") ?? []) {
    const field = document.getElementById(button.dataset.copy);
    const wrapper = button.closest(".app-js-only");
    if (!field || button.dataset.copyReady) continue;
    button.dataset.copyReady = "true";
    if (wrapper) wrapper.hidden = false;
    const status = wrapper?.querySelector("[data-copy-status]");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Copied. Paste it into your calendar program.";
      } catch {
        field.focus();
        field.select();
        if (status) status.textContent = "Selected: press Ctrl+C (or ⌘C on a Mac) to copy it.";
      }
    });
  }
}

copyButtons(document);
document.addEventListener("htmx:load", (event) => copyButtons(event.target));
