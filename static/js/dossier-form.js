// The dossier form shows the fields of the nominee kind chosen (a person, or the name of a
// collective or a household) and offers only the award types that go to that kind. The server checks both again:
// it clears the other kind's fields and refuses an award that does not fit.
(() => {
  const form = document.querySelector("form[data-dossier-form]");
  if (!form) return;
  const award = form.querySelector('select[name="award_type"]');

  function chosenKind() {
    const checked = form.querySelector('input[name="nominee_kind"]:checked');
    return checked ? checked.value : "";
  }

  function apply() {
    const kind = chosenKind();
    form.querySelectorAll("[data-nominee-fields]").forEach((group) => {
      group.hidden = kind !== "" && !group.dataset.nomineeFields.split(" ").includes(kind);
    });
    if (!award) return;
    award.querySelectorAll("option[data-recipient]").forEach((option) => {
      const recipient = option.dataset.recipient;
      // As AwardType.accepts: a household is judged by the rule set in force, on the server.
      const fits = kind === "" || kind === "household" || recipient === "both" || recipient === kind;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) award.value = "";
    });
  }

  form.querySelectorAll('input[name="nominee_kind"]').forEach((radio) => {
    radio.addEventListener("change", apply);
  });
  apply();
})();
