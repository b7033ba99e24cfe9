// The phone pages' safety net for a poor connection. Without this file every form is a
// plain post; with it, what someone sends while offline (or when the connection drops
// mid-send) is kept on the phone and sent when the connection is back.
//
// Every form carries a client_id made when the page was shown, so sending it again
// after a doubtful try can never make a second copy: the server answers a repeat with
// what it already has. Each queued send gets a new id here before the form is reset.

const script = document.querySelector("script[data-kept]");
const words = script.dataset;
const status = document.querySelector("[data-live-queue-status]");
const QUEUE_KEY = "live-queue";
const RETRY_MS = 10_000;

function queued() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY)) || [];
  } catch {
    return [];
  }
}

function keep(queue) {
  if (queue.length) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  } else {
    localStorage.removeItem(QUEUE_KEY);
  }
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Phones on plain http (a laptop in a village hall) have no randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function say(message, { waiting = false, link = null } = {}) {
  status.replaceChildren();
  if (!message) return;
  const note = document.createElement("div");
  note.className = waiting ? "app-phone-note app-phone-note--waiting" : "app-phone-note";
  const text = document.createElement("p");
  text.textContent = message;
  note.append(text);
  if (link) {
    const paragraph = document.createElement("p");
    const anchor = document.createElement("a");
    anchor.href = link;
    anchor.textContent = words.receipt;
    paragraph.append(anchor);
    note.append(paragraph);
  }
  status.append(note);
}

function showQueue() {
  const count = queued().length;
  if (count) say(`${words.kept} ${words.waiting} ${count}`, { waiting: true });
}

function post(entry) {
  return fetch(entry.action, {
    method: "POST",
    body: new URLSearchParams(entry.fields),
    credentials: "same-origin",
  });
}

let flushing = false;

// Send what is waiting, oldest first; stop at the first that cannot go yet.
async function flush() {
  if (flushing || !queued().length) return;
  flushing = true;
  let sent = 0;
  let receipt = null;
  let dropped = false;
  try {
    while (queued().length) {
      const [entry, ...rest] = queued();
      let response;
      try {
        response = await post(entry);
      } catch {
        break; // still offline
      }
      if (response.status === 429 || response.status >= 500) break;
      if (response.ok && response.redirected) {
        sent += 1;
        if (response.url.includes("/live/receipt/")) receipt = response.url;
      } else {
        // The room closed, or the words were refused: trying again would not help.
        dropped = true;
      }
      keep(rest);
    }
  } finally {
    flushing = false;
  }
  if (queued().length) {
    showQueue();
  } else if (dropped) {
    say(words.dropped, { waiting: true });
  } else if (sent) {
    say(words.sent, { link: receipt });
  }
}

function fieldsOf(form) {
  const fields = [];
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") fields.push([name, value]);
  }
  return fields;
}

function queueAndReset(form, entry) {
  keep([...queued(), entry]);
  form.reset();
  form.querySelector("[name=client_id]").value = newId();
  showQueue();
  status.scrollIntoView({ block: "center" });
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches("form[data-live-send]")) return;
  event.preventDefault();
  const entry = { action: form.action, fields: fieldsOf(form) };
  if (!navigator.onLine) {
    queueAndReset(form, entry);
    return;
  }
  let response;
  try {
    response = await post(entry);
  } catch {
    queueAndReset(form, entry);
    return;
  }
  if (response.ok && response.redirected) {
    window.location.assign(response.url);
  } else if (response.status >= 500) {
    queueAndReset(form, entry);
  } else {
    // A mistake in the form, or a refusal: let the browser show the server's page. The
    // same client_id goes again, so nothing can be kept twice.
    HTMLFormElement.prototype.submit.call(form);
  }
});

// The story's naming question shows the name (or description) field only for the answer
// that needs it. Without this script both fields are simply shown.
for (const group of document.querySelectorAll("[data-live-reveals]")) {
  const sync = () => {
    for (const input of group.querySelectorAll("input[aria-controls]")) {
      const target = document.getElementById(input.getAttribute("aria-controls"));
      target.classList.toggle("nhsuk-radios__conditional--hidden", !input.checked);
    }
  };
  group.addEventListener("change", sync);
  window.addEventListener("pageshow", sync);
  sync();
}

window.addEventListener("online", flush);
setInterval(flush, RETRY_MS);
showQueue();
flush();
