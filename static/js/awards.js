// The inbox: a header checkbox ticks or clears every dossier of the page.
document.querySelectorAll("input[data-check-all]").forEach((master) => {
  const name = master.dataset.checkAll;
  master.addEventListener("change", () => {
    document.querySelectorAll(`input[type=checkbox][name="${name}"]`).forEach((box) => {
      box.checked = master.checked;
    });
  });
});
