// My actions: after htmx swaps an action's card, put focus where the person needs it —
// on the error summary if the update was refused, else on the "saved" notice — and say
// what happened in the page's live region. The page works the same without this file.

const live = document.querySelector("[data-actions-live]");

document.body.addEventListener("actionSaved", (event) => {
  if (live) live.textContent = event.detail.message;
});

document.body.addEventListener("htmx:afterSettle", (event) => {
  // An outerHTML swap replaces the card: find the new one by the old one's id.
  const card = document.getElementById(event.detail.target.id);
  if (!card) return;
  const focusable =
    card.querySelector(".nhsuk-error-summary") ||
    card.querySelector("[data-saved]") ||
    card.querySelector("h3[tabindex]");
  if (focusable) focusable.focus();
});

document.body.addEventListener("htmx:sendError", () => {
  if (live) live.textContent = "Not saved: the connection dropped. Try again when you are back online.";
});
