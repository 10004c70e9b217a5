// Autosave for the questionnaire form: each change is saved at once with the optimistic version;
// the server answers which items are now visible. A 409 shows the conflict instead of overwriting.
// A failed autosave never blocks the form: the buttons always post it, and the server then shows
// its own message (the posted form carries every value on the page, so nothing typed is lost).
/* global document, window, CSS, Element, HTMLInputElement, HTMLTextAreaElement */
(function () {
  'use strict';

  var lang = document.documentElement.lang === 'en' ? 'en' : 'ja';

  document.addEventListener('click', function (event) {
    if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
  });

  // Phones: the section list starts collapsed so the page's own content comes first.
  var collapsible = document.querySelectorAll('details[data-collapse-narrow]');
  if (collapsible.length > 0 && window.matchMedia) {
    var narrow = window.matchMedia('(max-width: 720px)');
    var fitNav = function () {
      collapsible.forEach(function (details) {
        details.open = !narrow.matches;
      });
    };
    fitNav();
    if (narrow.addEventListener) narrow.addEventListener('change', fitNav);
  }

  // A page that shows an error summary (or a conflict) brings it into view and focus.
  var summary =
    document.querySelector('[data-error-summary]') ||
    document.querySelector('[data-conflict]:not([hidden])');
  if (summary) {
    summary.focus();
    summary.scrollIntoView({ block: 'start' });
  }

  var form = document.querySelector('form[data-autosave]');
  if (!form) return;
  var statusEl = form.querySelector('[data-save-status]');
  /** Edits not sent yet, by item id. */
  var pending = {};
  var busy = false;
  /** Autosave ended for this page (conflict, session over): the buttons still post the form. */
  var stopped = false;
  /** The form is being posted: autosave must not race it. */
  var submitting = false;
  /** The post this script itself sends once a running save has answered. */
  var released = false;
  /** How long a started post blocks further clicks and autosave (a cancelled post ends it). */
  var SUBMIT_GUARD_MS = 10000;
  var timer = null;

  function msg(name) {
    return form.getAttribute('data-msg-' + name) || '';
  }

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

  function itemElement(id) {
    return form.querySelector('[data-item="' + CSS.escape(id) + '"]');
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

  /** The item's question as the page shows it, without the "required" badge. */
  function itemText(id) {
    var item = itemElement(id);
    var head = item && item.querySelector('legend, label');
    if (!head) return id;
    var copy = head.cloneNode(true);
    copy.querySelectorAll('.req').forEach(function (badge) {
      badge.remove();
    });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  /** The label of the choice with this value in the item, as the page shows it. */
  function choiceText(item, code) {
    var input = Array.prototype.slice.call(item.querySelectorAll('input')).filter(function (i) {
      return i.value === code;
    })[0];
    var label = input && input.closest('label');
    if (!label) return code;
    var main = label.querySelector('.level-label');
    return (main || label).textContent.replace(/\s+/g, ' ').trim();
  }

  /** One answer as a person reads it, like the server's conflict list. */
  function answerText(id, value) {
    var item = itemElement(id);
    if (value === null || value === undefined || value === '') return msg('unanswered');
    if (!item) return String(value);
    if (Array.isArray(value)) {
      if (value.length === 0) return choiceText(item, '__none');
      return value
        .map(function (code) {
          return choiceText(item, code);
        })
        .join(lang === 'ja' ? '、' : ', ');
    }
    if (item.querySelector('input[type="radio"]')) return choiceText(item, String(value));
    return String(value);
  }

  function applyStates(states) {
    form.querySelectorAll('[data-item]').forEach(function (item) {
      var state = states[item.getAttribute('data-item')];
      if (state) item.hidden = !state.visible;
    });
  }

  /** Shows (or with no text, clears) an autosave error beside one item. */
  function setItemError(id, text) {
    var item = itemElement(id);
    if (!item) return;
    var el = item.querySelector('[data-autosave-error]');
    if (!text) {
      if (el) el.remove();
      return;
    }
    if (!el) {
      el = document.createElement('p');
      el.className = 'error';
      el.setAttribute('data-autosave-error', '');
      item.appendChild(el);
    }
    el.textContent = text;
  }

  function showConflict(message, answers) {
    stopped = true;
    var box = document.querySelector('[data-conflict]');
    var list = document.querySelector('[data-conflict-list]');
    if (list) {
      list.textContent = '';
      Object.keys(answers).forEach(function (id) {
        var li = document.createElement('li');
        li.textContent = itemText(id) + ': ' + answerText(id, answers[id]);
        list.appendChild(li);
      });
    }
    if (box) {
      if (message) box.querySelector('p').textContent = message;
      box.hidden = false;
      box.focus();
    }
    setStatus('');
  }

  /** The server's words for a refused save, in the page's language. */
  function serverMessage(body) {
    if (!body) return '';
    return (lang === 'ja' ? body.messageJa : body.messageEn) || body.message || '';
  }

  function flush() {
    if (busy || stopped || submitting) return;
    var ids = Object.keys(pending);
    if (ids.length === 0) return;
    var answers = {};
    ids.forEach(function (id) {
      answers[id] = pending[id];
    });
    pending = {};
    busy = true;
    setStatus(msg('saving'));
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
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (body) {
            return { status: response.status, body: body };
          });
      })
      .then(function (result) {
        busy = false;
        var status = result.status;
        var body = result.body || {};
        if (status === 200) {
          setVersion(body.version);
          applyStates(body.items || {});
          Object.keys(answers).forEach(function (id) {
            setItemError(id, null);
          });
          setStatus(msg('saved'));
          flush();
        } else if (status === 409) {
          var locked = body.status === 'submitted' || body.status === 'scored';
          showConflict(locked ? msg('locked') : null, answers);
        } else if (status === 404) {
          showConflict(msg('mismatch'), answers);
        } else if (status === 401 || status === 403 || status === 410) {
          // The session or the link is over: the next post shows the server's page for that.
          stopped = true;
          setStatus(
            status === 410
              ? msg(body.reason === 'closed' ? 'closed' : 'gone')
              : msg('session-ended'),
          );
        } else if (status === 400 && body.itemId && body.itemId in answers) {
          // One value was refused, so none of this batch was saved: say which, and send the rest
          // again. The refused value stays in its field for the person to correct.
          var text = serverMessage(body) || msg('failed');
          setItemError(body.itemId, text);
          setStatus(text);
          Object.keys(answers).forEach(function (id) {
            if (id !== body.itemId && !(id in pending)) pending[id] = answers[id];
          });
          flush();
        } else {
          // Kept for the next save (newer edits win); the buttons still post everything.
          requeue(answers);
          setStatus(serverMessage(status === 400 ? body : null) || msg('failed'));
        }
      })
      .catch(function () {
        busy = false;
        requeue(answers);
        setStatus(msg('failed'));
      });
  }

  function requeue(answers) {
    Object.keys(answers).forEach(function (id) {
      if (!(id in pending)) pending[id] = answers[id];
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

  // The buttons post the whole form, which carries every value on the page: unsent edits need no
  // autosave first. Only a save already on its way is waited for (briefly), so the post carries
  // the version that save returns instead of conflicting with it.
  form.addEventListener('submit', function (event) {
    if (released) return;
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    clearTimeout(timer);
    pending = {};
    // A post the person cancelled (Stop, Esc) leaves the page as it was: after a while the
    // buttons and autosave work again instead of swallowing every click.
    setTimeout(function () {
      submitting = false;
    }, SUBMIT_GUARD_MS);
    if (!busy) return;
    event.preventDefault();
    var submitter = event.submitter;
    var waited = 0;
    var wait = setInterval(function () {
      waited += 50;
      if (busy && waited < 5000) return;
      clearInterval(wait);
      // requestSubmit fires this handler again at once: let that one through, then guard again.
      released = true;
      form.requestSubmit(submitter);
      released = false;
    }, 50);
  });

  // Back to this page from the browser's cache after posting it: show the saved state instead.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && submitting) window.location.reload();
  });
})();
