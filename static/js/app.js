// Small behaviours for every page. No inline scripts: the Content-Security-Policy forbids them.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// A confirmation before a report or a document is sent (the button carries the question).
document.querySelectorAll("[data-confirm]").forEach((button) => {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
});

// Unit pickers (units/forms.py UnitSearchInput): type part of a unit's name or code and choose
// among the first matches the server sends. The chosen unit's id or code goes in the hidden
// input (or, for several units, in a ticked box each). Keys: ↓ ↑ move, Enter chooses, Esc closes.
document.querySelectorAll("[data-unit-search]").forEach((picker) => {
  const input = picker.querySelector("input[role=combobox]");
  const list = picker.querySelector("[role=listbox]");
  const hidden = picker.querySelector("input[data-unit-value]");
  const chosen = picker.querySelector("[data-unit-chosen]");
  const typedName = input.name;
  let units = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    units = [];
    active = -1;
  };

  const highlight = (index) => {
    active = index;
    list.querySelectorAll("[role=option]").forEach((option, i) => {
      const on = i === index;
      option.classList.toggle("active", on);
      option.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  };

  const choose = (unit) => {
    clearTimeout(timer);
    asked += 1; // an answer still on its way is for text no longer there
    const value = String(unit[picker.dataset.value]);
    if (chosen) {
      const boxes = [...chosen.querySelectorAll("input[type=checkbox]")];
      const box = boxes.find((b) => b.value === value);
      if (box) {
        box.checked = true;
      } else {
        const item = document.createElement("li");
        item.className = "form-check";
        const tick = document.createElement("input");
        Object.assign(tick, { type: "checkbox", name: picker.dataset.multiple, value, checked: true });
        tick.className = "form-check-input";
        tick.id = `${input.id}_${value}`;
        const label = document.createElement("label");
        label.className = "form-check-label";
        label.htmlFor = tick.id;
        label.textContent = unit.name;
        item.append(tick, label);
        chosen.append(item);
      }
      input.value = "";
      input.setCustomValidity(""); // a unit is ticked: the form may go
    } else {
      hidden.value = value;
      input.value = unit.name;
      // The hidden input says which unit: the typed name need not travel in the link too.
      input.removeAttribute("name");
    }
    close();
  };

  const show = (found) => {
    close();
    units = found;
    found.forEach((unit, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}_${i}`;
      option.className = "list-group-item list-group-item-action";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = unit.name;
      const code = document.createElement("small");
      code.className = "text-body-secondary ms-2";
      code.textContent = unit.code;
      option.append(code);
      // mousedown, not click: the text box must not lose the focus (and close the list) first.
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(unit);
      });
      list.append(option);
    });
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "list-group-item text-body-secondary";
      none.textContent = picker.dataset.none;
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const ask = async () => {
    const text = input.value.trim();
    const mine = ++asked;
    if (!text) {
      close();
      return;
    }
    try {
      const response = await fetch(`${picker.dataset.url}?q=${encodeURIComponent(text)}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      // A slower answer to an earlier keystroke must not replace the latest one.
      if (mine === asked) show(data.results);
    } catch {
      // No answer (offline, signed out): the typed text is still sent with the form.
    }
  };

  if (chosen && picker.dataset.required) {
    // At least one unit ticked, or a name typed for the server to find: the box itself empties
    // at each choice, so it cannot carry `required` (units/forms.py UnitSearchInput).
    const unmet = () => !chosen.querySelector("input:checked") && !input.value.trim();
    const clear = () => input.setCustomValidity("");
    input.form.addEventListener("submit", (event) => {
      if (!unmet()) return;
      event.preventDefault();
      input.setCustomValidity(picker.dataset.required);
      input.reportValidity();
    });
    input.addEventListener("input", clear);
    chosen.addEventListener("change", clear);
  }

  if (hidden && hidden.value) input.removeAttribute("name");
  input.addEventListener("input", () => {
    if (hidden) {
      hidden.value = "";
      input.name = typedName;
    }
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && units.length) {
      event.preventDefault();
      highlight((active + 1) % units.length);
    } else if (event.key === "ArrowUp" && units.length) {
      event.preventDefault();
      highlight((active - 1 + units.length) % units.length);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(units[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
});

// The browser's calendar beside a dd/mm/yyyy text box (data-calendar): a day picked there is
// written into the box in the office's format; typing in the box stays possible. Only the
// calendar's button shows: its own text is in the browser's format (12/31/2013 in an English
// Chromium), which beside "31/12/2013" read as a second, contradicting date.
document.querySelectorAll("input[data-calendar]").forEach((box) => {
  const calendar = document.createElement("input");
  calendar.type = "date";
  calendar.className = "form-control calendar-only";
  calendar.setAttribute("aria-label", box.dataset.calendarLabel);
  calendar.title = box.dataset.calendarLabel;
  const [day, month, year] = box.value.split("/");
  if (year && month && day) calendar.value = `${year}-${month}-${day}`;
  calendar.addEventListener("change", () => {
    const [y, m, d] = calendar.value.split("-");
    if (y && m && d) box.value = `${d}/${m}/${y}`;
  });
  calendar.addEventListener("click", () => {
    try {
      calendar.showPicker();
    } catch {
      // Older browsers open it from their own button.
    }
  });
  const pair = document.createElement("div");
  pair.className = "d-flex gap-1 calendar-pair";
  box.before(pair);
  pair.append(box, calendar);
});

// The print view's "In văn bản" button (templates/core/official_document.html).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
