// Autosave for the questionnaire form: each change is saved at once with the optimistic version;
// the server answers which items are now visible. A 409 shows the conflict instead of overwriting.
/* global document, window, CSS, Element, HTMLInputElement, HTMLTextAreaElement */
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
  });

  var form = document.querySelector('form[data-autosave]');
  if (!form) return;
  var statusEl = form.querySelector('[data-save-status]');
  var pending = {};
  var busy = false;
  var stopped = false;
  var timer = null;

  function setStatus(text) {
    if (statusEl) statusEl.textContent = text;
  }

  function currentVersion() {
    return Number(form.querySelector('[data-version]').value);
  }

  function setVersion(version) {
    document.querySelectorAll('[data-version]').forEach(function (el) {
      el.value = String(version);
    });
  }

  function valueOf(item) {
    var id = item.getAttribute('data-item');
    var inputs = Array.prototype.slice.call(
      form.querySelectorAll('[name="' + CSS.escape(id) + '"]'),
    );
    if (inputs.length === 0) return undefined;
    var first = inputs[0];
    if (first.type === 'checkbox') {
      var none = inputs.some(function (i) {
        return i.hasAttribute('data-none') && i.checked;
      });
      var codes = inputs
        .filter(function (i) {
          return i.checked && !i.hasAttribute('data-none');
        })
        .map(function (i) {
          return i.value;
        });
      if (codes.length > 0) return codes;
      return none ? [] : null;
    }
    if (first.type === 'radio') {
      var checked = inputs.filter(function (i) {
        return i.checked;
      })[0];
      if (!checked) return null;
      if (checked.value === 'true') return true;
      if (checked.value === 'false') return false;
      return /^\d+$/.test(checked.value) && item.querySelector('.levels')
        ? Number(checked.value)
        : checked.value;
    }
    var raw = first.value;
    if (raw.trim() === '') return null;
    if (first.type === 'number') return Number.isFinite(Number(raw)) ? Number(raw) : raw;
    return raw;
  }

  function applyStates(states) {
    form.querySelectorAll('[data-item]').forEach(function (item) {
      var state = states[item.getAttribute('data-item')];
      if (state) item.hidden = !state.visible;
    });
  }

  function showConflict(message, answers) {
    stopped = true;
    var box = document.querySelector('[data-conflict]');
    var list = document.querySelector('[data-conflict-list]');
    if (list) {
      list.textContent = '';
      Object.keys(answers).forEach(function (id) {
        var li = document.createElement('li');
        li.textContent = id + ': ' + JSON.stringify(answers[id]);
        list.appendChild(li);
      });
    }
    if (box) {
      if (message) box.querySelector('p').textContent = message;
      box.hidden = false;
      box.setAttribute('tabindex', '-1');
      box.focus();
    }
    setStatus('');
  }

  function flush() {
    if (busy || stopped) return;
    var ids = Object.keys(pending);
    if (ids.length === 0) return;
    var answers = {};
    ids.forEach(function (id) {
      answers[id] = pending[id];
    });
    pending = {};
    busy = true;
    setStatus(form.getAttribute('data-msg-saving'));
    fetch(form.getAttribute('data-save-url'), {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': form.getAttribute('data-csrf'),
      },
      body: JSON.stringify({ version: currentVersion(), answers: answers }),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (result) {
        busy = false;
        if (result.status === 200) {
          setVersion(result.body.version);
          applyStates(result.body.items || {});
          setStatus(form.getAttribute('data-msg-saved'));
          flush();
        } else if (result.status === 409) {
          showConflict(null, answers);
        } else if (result.status === 404) {
          showConflict(form.getAttribute('data-msg-mismatch'), answers);
        } else {
          // Keep what was not saved, newer edits first, and say so (e.g. a 400 names the item).
          Object.keys(answers).forEach(function (id) {
            if (!(id in pending)) pending[id] = answers[id];
          });
          setStatus((result.body && result.body.message) || form.getAttribute('data-msg-failed'));
        }
      })
      .catch(function () {
        busy = false;
        Object.keys(answers).forEach(function (id) {
          if (!(id in pending)) pending[id] = answers[id];
        });
        setStatus(form.getAttribute('data-msg-failed'));
      });
  }

  function onChange(event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    var item = target.closest('[data-item]');
    if (!item || target.type === 'file') return;
    if (target.type === 'checkbox') {
      // "None of these" and real choices exclude each other.
      var boxes = item.querySelectorAll('input[type="checkbox"]');
      boxes.forEach(function (box) {
        if (
          box !== target &&
          target.checked &&
          box.hasAttribute('data-none') !== target.hasAttribute('data-none')
        )
          box.checked = false;
      });
    }
    var value = valueOf(item);
    if (value === undefined) return;
    pending[item.getAttribute('data-item')] = value;
    clearTimeout(timer);
    timer = setTimeout(
      flush,
      target.type === 'text' || target.tagName === 'TEXTAREA' || target.type === 'number' ? 400 : 0,
    );
  }

  form.addEventListener('change', onChange);
  form.addEventListener('input', function (event) {
    var t = event.target;
    if (
      t instanceof HTMLTextAreaElement ||
      (t instanceof HTMLInputElement && (t.type === 'text' || t.type === 'number'))
    )
      onChange(event);
  });

  // Saving with the button: send what is pending first, so the form post carries the new version.
  form.addEventListener('submit', function (event) {
    if (stopped) return;
    if (busy || Object.keys(pending).length > 0) {
      event.preventDefault();
      var submitter = event.submitter;
      clearTimeout(timer);
      flush();
      var wait = setInterval(function () {
        if (!busy && Object.keys(pending).length === 0) {
          clearInterval(wait);
          if (!stopped) form.requestSubmit(submitter);
        }
      }, 50);
    }
  });
})();
