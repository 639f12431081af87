// Buttons marked data-print (hidden without JavaScript) open the browser's print dialog.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
