/* global document */
// A campaign's supplier page, enhanced: a box that ticks every supplier of the page, and how many
// are ticked beside the add button. Without it the page works the same (tick, then add).
(function () {
  'use strict';
  var table = document.querySelector('[data-select-page]');
  if (!table) return;
  var boxes = Array.prototype.slice.call(
    table.querySelectorAll('tbody input[type="checkbox"][name="supplierIds"]'),
  );
  if (boxes.length === 0) return;
  var counter = document.querySelector('[data-selected-count]');
  var template = counter ? counter.getAttribute('data-template') || '' : '';

  var all = document.createElement('input');
  all.type = 'checkbox';
  all.setAttribute('aria-label', table.getAttribute('data-select-page'));
  all.setAttribute('data-testid', 'picker-select-page');
  var cell = table.querySelector('[data-select-page-cell]');
  cell.appendChild(document.createTextNode(' '));
  cell.appendChild(all);

  function update() {
    var ticked = boxes.filter(function (box) {
      return box.checked;
    }).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
    if (counter) counter.textContent = ticked > 0 ? template.replace('{n}', String(ticked)) : '';
  }

  all.addEventListener('change', function () {
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
    update();
  });
  boxes.forEach(function (box) {
    box.addEventListener('change', update);
  });
  update();
})();
