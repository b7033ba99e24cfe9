// The session page's safety net and keyboard help. The page works without this file;
// with it, nothing typed is lost to a dropped connection or an expired sign-in.
//
// Every form marked data-autosave="<key>" is saved as a draft a moment after each
// keystroke: first to this device (localStorage), then to the server. The device copy
// is removed once the server has it, so what is left on the device is exactly what the
// server has not seen yet — restored on the next visit and sent when back online.

const script = document.querySelector("script[data-draft-url]");
const draftUrl = script.dataset.draftUrl;
const banner = document.querySelector("[data-connection-banner]");
const bannerMessage = document.querySelector("[data-connection-message]");
const live = document.querySelector("[data-session-live]");
const SAVE_DELAY_MS = 800;
const timers = new Map();
const waitingToSubmit = new Set();

const storageKey = (form) => `draft:${draftUrl}:${form.dataset.autosave}`;

function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (name !== "csrfmiddlewaretoken" && typeof value === "string") {
      fields[name] = value;
    }
  }
  return fields;
}

function setStatus(form, text) {
  const status = form.querySelector("[data-autosave-status]");
  if (status) {
    status.textContent = text;
  }
}

function showBanner(message) {
  if (!banner) return;
  if (message) bannerMessage.textContent = message;
  banner.hidden = false;
}

function hideBanner() {
  if (banner) banner.hidden = true;
}

function announce(message) {
  if (live) live.textContent = message;
}

const timeNow = () =>
  new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

async function sendDraft(form, { restored = false } = {}) {
  const stored = localStorage.getItem(storageKey(form));
  if (!stored) return;
  const body = new FormData();
  body.append("form_key", form.dataset.autosave);
  for (const [name, value] of Object.entries(JSON.parse(stored).fields)) {
    body.append(name, value);
  }
  const token = form.querySelector("[name=csrfmiddlewaretoken]");
  try {
    const response = await fetch(draftUrl, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": token ? token.value : "", "X-Autosave": "1" },
      credentials: "same-origin",
    });
    if (response.status === 409) {
      // The form these words came from has been saved since: they are not a draft.
      localStorage.removeItem(storageKey(form));
      return;
    }
    if (response.status === 401) {
      setStatus(
        form,
        "Your sign-in has expired. Keep writing: when you save, you will be asked to sign in and then your words are saved.",
      );
      return;
    }
    if (!response.ok) {
      setStatus(form, "Your words are kept on this device; they could not be saved yet.");
      return;
    }
    localStorage.removeItem(storageKey(form));
    setStatus(form, `Draft saved at ${timeNow()}`);
  } catch {
    setStatus(
      form,
      restored
        ? "Restored words you typed that were not saved. They are kept on this device until they can be."
        : "Offline: your words are kept on this device.",
    );
    showBanner();
  }
}

function cancelAutosave(form) {
  clearTimeout(timers.get(form));
  timers.delete(form);
}

function keepDraft(form) {
  // A saved form is leaving the page: the change its field fires as it goes is not a draft.
  if (form.dataset.saved) return;
  localStorage.setItem(
    storageKey(form),
    JSON.stringify({ fields: fieldsOf(form), at: new Date().toISOString() }),
  );
  cancelAutosave(form);
  timers.set(
    form,
    setTimeout(() => sendDraft(form), SAVE_DELAY_MS),
  );
}

function restoreFromDevice(form) {
  const stored = localStorage.getItem(storageKey(form));
  if (!stored) return;
  const { fields } = JSON.parse(stored);
  let changed = false;
  for (const [name, value] of Object.entries(fields)) {
    const inputs = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const input of inputs) {
      if (input.type === "checkbox" || input.type === "radio") {
        const checked = input.value === value;
        changed ||= input.checked !== checked;
        input.checked = checked;
      } else if (input.type !== "hidden" && input.value !== value) {
        input.value = value;
        changed = true;
      }
    }
  }
  if (changed) {
    setStatus(form, "Restored words you typed that had not been saved yet.");
  }
  sendDraft(form, { restored: changed });
}

// A closed form with words kept on this device opens once htmx has wired it up, so
// htmx fetches the form and watch() restores the words into it as it arrives.
document.addEventListener("htmx:load", (event) => {
  for (const details of event.target.querySelectorAll("details[data-draft-key]:not([open])")) {
    if (localStorage.getItem(`draft:${draftUrl}:${details.dataset.draftKey}`)) {
      details.open = true;
    }
  }
});

function watch(root) {
  for (const form of root.querySelectorAll("form[data-autosave]")) {
    if (form.dataset.autosaveWatched) continue;
    form.dataset.autosaveWatched = "true";
    form.addEventListener("input", () => keepDraft(form));
    form.addEventListener("change", () => keepDraft(form));
    restoreFromDevice(form);
  }
  for (const filter of root.querySelectorAll("[data-filter-checkboxes]")) {
    filter.closest(".app-js-only").hidden = false;
    filter.addEventListener("input", () => {
      const words = filter.value.trim().toLowerCase();
      const name = filter.dataset.filterCheckboxes;
      for (const input of document.querySelectorAll(`input[name="${name}"]`)) {
        const item = input.closest(".nhsuk-checkboxes__item");
        item.hidden = words !== "" && !item.textContent.toLowerCase().includes(words);
      }
    });
  }
}

// Ctrl+Enter (or Cmd+Enter) in a text box submits its form, so a list can be typed fast.
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.form) {
    event.preventDefault();
    event.target.form.requestSubmit();
  }
});

document.addEventListener("click", (event) => {
  const discard = event.target.closest("[data-discard-draft]");
  if (discard) {
    cancelAutosave(discard.form);
    localStorage.removeItem(storageKey(discard.form));
  }
});

// A form being saved takes its words with it: an autosave still waiting to be sent
// would only reach the server after the save and bring the words back as a draft.
document.addEventListener(
  "submit",
  (event) => {
    if (event.target.dataset.autosave) cancelAutosave(event.target);
  },
  true,
);

let lastForm = null;

document.body.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt.closest("form");
  lastForm = form && form.dataset.autosave ? form.dataset.autosave : null;
});

document.body.addEventListener("htmx:sendError", (event) => {
  // Only a save is waiting for the connection. A part of the page that could not be
  // fetched keeps its link, and the offline banner already says why.
  const form = event.detail.elt.closest("form");
  if (!form) return;
  waitingToSubmit.add(form);
  if (form.dataset.autosave) keepDraft(form);
  showBanner(
    "The connection dropped, so this was not saved yet. Your words are kept on this device and will be sent when the connection is back.",
  );
  announce("Not saved yet: you are offline.");
});

document.body.addEventListener("htmx:responseError", () => {
  showBanner("Something went wrong while saving. Your words are still here: try again.");
});

// Saved: the device copy goes. Listened for before the swap, not after the request: the
// swap takes the form out of the page, and htmx's later events on it never reach here.
document.body.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.requestConfig.elt.closest("form");
  if (!event.detail.isError && form && form.dataset.autosave) {
    form.dataset.saved = "true";
    localStorage.removeItem(storageKey(form));
  }
});

// What an answer put in place of its target: htmx still names the element it replaced,
// now out of the page, so a section or form that came back whole is found by its id.
function swappedIn(target) {
  if (target.isConnected || !target.id) return target;
  return document.getElementById(target.id) || target;
}

document.body.addEventListener("htmx:afterSettle", (event) => {
  // An answer that also changed other parts of the page (a list's new row and count)
  // settles each of them; the focus follows its target alone.
  const target = swappedIn(event.detail.target);
  if (!target.contains(event.target)) {
    watch(event.target);
    return;
  }
  watch(target);
  const problem = target.querySelector(".nhsuk-error-summary");
  const sameForm = lastForm && target.querySelector(`form[data-autosave="${lastForm}"]`);
  const editing = target.matches(".app-item--editing") ? target : null;
  if (problem) {
    problem.focus();
  } else if (editing || sameForm) {
    const field = (editing || sameForm).querySelector(
      "textarea, input:not([type=hidden]), select",
    );
    if (field) field.focus();
  } else if (target.isConnected && !target.contains(document.activeElement)) {
    // Unless htmx kept the focus on a field that came back, the section's heading has it.
    const heading = target.querySelector("h2[tabindex]");
    if (heading) heading.focus();
  }
  lastForm = null;
});

document.body.addEventListener("sessionSaved", (event) => announce(event.detail.message));

window.addEventListener("offline", () => showBanner());
window.addEventListener("online", () => {
  hideBanner();
  for (const form of document.querySelectorAll("form[data-autosave]")) {
    sendDraft(form);
  }
  for (const form of waitingToSubmit) {
    if (form.isConnected) form.requestSubmit();
  }
  waitingToSubmit.clear();
  announce("Back online.");
});

if (!navigator.onLine) showBanner();
watch(document);
