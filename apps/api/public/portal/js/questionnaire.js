// Autosave for the questionnaire form: each change is saved at once with the optimistic version;
// the server answers which items are now visible. A 409 shows the conflict instead of overwriting.
// A failed autosave never blocks the form: the buttons always post it, and the server then shows
// its own message (the posted form carries every value on the page, so nothing typed is lost).
// Leaving the page saves first: links and other forms wait for the saves; a reload or a closed tab
// asks (beforeunload) while something is unsaved and sends it with a keepalive request.
/* global document, window, CSS, Element, HTMLInputElement, HTMLTextAreaElement, HTMLFormElement */
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
  /** The save on its way: its answers, the version it was sent with, and a promise of its end. */
  var inflight = null;
  /** The last save failed for a passing reason (network, server error): do not retry in a loop. */
  var failed = false;
  /** Autosave ended for this page (conflict, session over): the buttons still post the form. */
  var stopped = false;
  /** The form is being posted (or waits to be): autosave must not race it. */
  var submitting = false;
  /** The post this script itself sends once a running save has answered. */
  var released = false;
  /** Another form (an upload) this script submits again once the saves are done. */
  var releasedForm = null;
  /** Where a link click waiting for the saves goes next (the latest click wins). */
  var leaving = null;
  /** Values the server refused so far, the last one's item id: leaving stops to show them. */
  var refusals = 0;
  var refusedId = null;
  /** Unsaved edits were sent as the page was hidden: a page restored from the cache is stale. */
  var sentOnHide = false;
  /** How long a started post blocks further clicks and autosave (a cancelled post ends it). */
  var SUBMIT_GUARD_MS = 10000;
  /** How long posting or leaving waits for the saves before it stops waiting. */
  var WAIT_MS = 20000;
  var timer = null;
  var guard = null;

  /** Words the page does not carry (yet) as data-msg-* attributes. */
  var FALLBACK = {
    ja: {
      slow: '保存に時間がかかっているため、まだ送信していません。通信状況を確認して、もう一度ボタンを押してください。',
    },
    en: {
      slow: 'Saving is taking longer than usual, so the form has not been sent yet. Check your connection and press the button again.',
    },
  };

  function msg(name) {
    return form.getAttribute('data-msg-' + name) || FALLBACK[lang][name] || '';
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

  /** Adds or removes one id in an element's aria-describedby. */
  function describedBy(el, id, add) {
    if (!el) return;
    var ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) {
      return x !== '' && x !== id;
    });
    if (add) ids.push(id);
    if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  /**
   * Shows (or with no text, clears) an autosave error beside one item, tied to its control as the
   * page's own errors are: in the aria-describedby of the input (or of the choices' fieldset), and
   * aria-invalid on the inputs.
   */
  function setItemError(id, text) {
    var item = itemElement(id);
    if (!item) return;
    var el = item.querySelector('[data-autosave-error]');
    var errorId = item.id + '-autosave-error';
    var control =
      item.querySelector('fieldset') ||
      item.querySelector('input:not([type="file"]):not([type="hidden"]), textarea');
    var inputs = item.querySelectorAll('input:not([type="hidden"]), textarea');
    if (!text) {
      if (el) el.remove();
      describedBy(control, errorId, false);
      // An error the page came with still stands until the page is shown again.
      if (!item.querySelector('#' + CSS.escape(item.id + '-error'))) {
        inputs.forEach(function (input) {
          input.removeAttribute('aria-invalid');
        });
      }
      return;
    }
    if (!el) {
      el = document.createElement('p');
      el.className = 'error';
      el.id = errorId;
      el.setAttribute('data-autosave-error', '');
      item.appendChild(el);
    }
    el.textContent = text;
    describedBy(control, errorId, true);
    inputs.forEach(function (input) {
      input.setAttribute('aria-invalid', 'true');
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

  /** One autosave request; `keepalive` lets it outlive the page (sent as the page goes away). */
  function send(answers, version, keepalive) {
    return fetch(form.getAttribute('data-save-url'), {
      method: 'PUT',
      credentials: 'same-origin',
      keepalive: keepalive === true,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': form.getAttribute('data-csrf'),
      },
      body: JSON.stringify({ version: version, answers: answers }),
    });
  }

  function hasPending() {
    return Object.keys(pending).length > 0;
  }

  /** Something typed or chosen is not stored yet, and nothing else (a post, a conflict) has taken over. */
  function hasUnsaved() {
    return !stopped && !submitting && (inflight !== null || hasPending());
  }

  /**
   * Sends the edits not sent yet, unless a save is on its way; returns the save's end. With
   * `keepalive` the request goes on should the page go away meanwhile.
   */
  function flush(keepalive) {
    if (inflight) return inflight.done;
    if (stopped || submitting || !hasPending()) return Promise.resolve();
    clearTimeout(timer);
    var answers = pending;
    pending = {};
    var version = currentVersion();
    setStatus(msg('saving'));
    var done = send(answers, version, keepalive === true)
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
      .then(
        function (result) {
          inflight = null;
          answered(result, answers);
        },
        function () {
          inflight = null;
          failed = true;
          requeue(answers);
          setStatus(msg('failed'));
        },
      );
    inflight = { answers: answers, version: version, keepalive: keepalive === true, done: done };
    return done;
  }

  function answered(result, answers) {
    var status = result.status;
    var body = result.body || {};
    failed = false;
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
        status === 410 ? msg(body.reason === 'closed' ? 'closed' : 'gone') : msg('session-ended'),
      );
    } else if (status === 400 && body.itemId && body.itemId in answers) {
      // One value was refused, so none of this batch was saved: say which, and send the rest
      // again. The refused value stays in its field for the person to correct.
      var text = serverMessage(body) || msg('failed');
      refusals += 1;
      refusedId = body.itemId;
      setItemError(body.itemId, text);
      setStatus(text);
      Object.keys(answers).forEach(function (id) {
        if (id !== body.itemId && !(id in pending)) pending[id] = answers[id];
      });
      flush();
    } else {
      // Kept for the next save (newer edits win); the buttons still post everything.
      failed = true;
      requeue(answers);
      setStatus(serverMessage(status === 400 ? body : null) || msg('failed'));
    }
  }

  function requeue(answers) {
    Object.keys(answers).forEach(function (id) {
      if (!(id in pending)) pending[id] = answers[id];
    });
  }

  /**
   * Ends when every edit made so far has been answered: waits for the save on its way, then sends
   * what is left (at once, without the typing delay). A save that fails for a passing reason is
   * tried once more, not in a loop.
   */
  function settle(retried) {
    clearTimeout(timer);
    if (stopped || submitting) return Promise.resolve();
    if (inflight) {
      return inflight.done.then(function () {
        return settle(retried);
      });
    }
    if (!hasPending() || (failed && retried)) return Promise.resolve();
    return flush().then(function () {
      return settle(retried || failed);
    });
  }

  /** True if `promise` ended within `ms`, false if it took longer. */
  function within(promise, ms) {
    var timeout;
    return Promise.race([
      promise.then(function () {
        return true;
      }),
      new Promise(function (resolve) {
        timeout = setTimeout(function () {
          resolve(false);
        }, ms);
      }),
    ]).then(function (inTime) {
      clearTimeout(timeout);
      return inTime;
    });
  }

  /**
   * Leaves the page (`go`) once the edits are saved. Should something still be unsaved then (no
   * connection, no answer in time), the browser's own "leave this page?" question says so. A
   * conflict, an ended session or a refused value met on the way is shown here instead of leaving.
   */
  function leave(go) {
    var first = leaving === null;
    leaving = go;
    if (!first) return;
    var wasStopped = stopped;
    var refusedBefore = refusals;
    setStatus(msg('saving'));
    within(settle(false), WAIT_MS).then(function () {
      var next = leaving;
      leaving = null;
      if (stopped && !wasStopped) return;
      if (refusals !== refusedBefore) {
        var item = itemElement(refusedId);
        var control = item && item.querySelector('input:not([type="hidden"]), textarea');
        if (control) control.focus();
        return;
      }
      next();
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
      function () {
        flush();
      },
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

  /** Starts the post of the form: from now on the post carries every value on the page. */
  function posting() {
    submitting = true;
    clearTimeout(timer);
    pending = {};
    // A post the person cancelled (Stop, Esc) leaves the page as it was: after a while the
    // buttons and autosave work again instead of swallowing every click.
    clearTimeout(guard);
    guard = setTimeout(function () {
      submitting = false;
    }, SUBMIT_GUARD_MS);
  }

  // The buttons post the whole form, which carries every value on the page: unsent edits need no
  // autosave first. Only a save already on its way is waited for, so the post carries the version
  // that save returns instead of conflicting with it. Should that save not answer in time, nothing
  // is posted and the status line says so.
  form.addEventListener('submit', function (event) {
    if (released || (!submitting && !inflight)) {
      posting();
      return;
    }
    event.preventDefault();
    if (submitting) return;
    var submitter = event.submitter;
    submitting = true;
    clearTimeout(timer);
    setStatus(msg('saving'));
    within(inflight.done, WAIT_MS).then(function (inTime) {
      if (!inTime) {
        submitting = false;
        setStatus(msg('slow'));
        return;
      }
      // requestSubmit fires this handler again at once: let that one through.
      released = true;
      form.requestSubmit(submitter);
      released = false;
    });
  });

  // Leaving the page by a link (sections, 前へ, the language switch) or by another form (an
  // upload) first saves what is not saved yet.
  document.addEventListener('click', function (event) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      !(event.target instanceof Element)
    )
      return;
    var link = event.target.closest('a[href]');
    if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
    if (link.origin !== window.location.origin) return;
    // A jump within this page (the error summary, the skip link) does not leave it.
    var here = window.location;
    if (link.hash && link.pathname === here.pathname && link.search === here.search) return;
    if (!hasUnsaved()) return;
    event.preventDefault();
    var href = link.href;
    leave(function () {
      window.location.assign(href);
    });
  });

  document.addEventListener('submit', function (event) {
    var other = event.target;
    if (other === form || other === releasedForm || !(other instanceof HTMLFormElement)) return;
    if (event.defaultPrevented || !hasUnsaved()) return;
    event.preventDefault();
    var submitter = event.submitter;
    leave(function () {
      releasedForm = other;
      other.requestSubmit(submitter);
      releasedForm = null;
    });
  });

  // Reload, closing the tab, the browser's back button: send what is not sent yet at once (before
  // the page the browser goes to is asked for, so that page shows it), and warn while something is
  // unsaved. Should the person stay, the save answers here as any other.
  window.addEventListener('beforeunload', function (event) {
    if (!hasUnsaved()) return;
    flush(true);
    event.preventDefault();
    event.returnValue = '';
  });

  // ...and should the person leave anyway, send it with a request that outlives the page.
  window.addEventListener('pagehide', function () {
    if (!hasUnsaved() || (inflight && inflight.keepalive && !hasPending())) return;
    clearTimeout(timer);
    var rest = pending;
    pending = {};
    var ignore = function () {};
    if (inflight) {
      // The save on its way may be cut off with the page, or already be stored: send it again
      // with the rest on the version it was sent with, and the rest alone on the version it
      // leads to. The one that fits is stored; the other is refused as stale and changes nothing.
      var all = {};
      requeueInto(all, rest);
      requeueInto(all, inflight.answers);
      send(all, inflight.version, true).catch(ignore);
      if (Object.keys(rest).length > 0) send(rest, inflight.version + 1, true).catch(ignore);
    } else {
      send(rest, currentVersion(), true).catch(ignore);
    }
    sentOnHide = true;
  });

  /** Copies answers into `target` where it has none for the item (newer edits come first). */
  function requeueInto(target, answers) {
    Object.keys(answers).forEach(function (id) {
      if (!(id in target)) target[id] = answers[id];
    });
  }

  // Back to this page from the browser's cache after posting it (or after its last edits were
  // sent on leaving): show the saved state instead.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && (submitting || sentOnHide)) window.location.reload();
  });
})();
