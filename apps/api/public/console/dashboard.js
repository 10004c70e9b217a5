/* global window, document */
// Dashboard charts (chart.js, served from our origin) and small behaviours; data comes from a
// JSON block in the page, never from inline script (the CSP allows scripts from 'self' only).
(function () {
  'use strict';
  var dataBlock = document.getElementById('dashboard-data');
  var data = dataBlock ? JSON.parse(dataBlock.textContent || '{}') : {};
  var COLORS = {
    portfolio: '#0b4f8a',
    critical: '#c8102e',
    target: '#2b8a3e',
    supplier: '#c8102e',
    low: '#69db7c',
    medium: '#ffd43b',
    high: '#ff922b',
    critical_tier: '#c8102e',
  };

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  function radar(canvas, spec) {
    return new window.Chart(canvas, {
      type: 'radar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s) {
          var c = COLORS[s.kind] || '#555';
          return {
            label: s.label,
            data: s.data,
            borderColor: c,
            backgroundColor: s.kind === 'target' ? 'transparent' : alpha(c, 0.12),
            borderDash: s.kind === 'target' ? [6, 4] : [],
            pointRadius: 2,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } },
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                return spec.titles ? spec.titles[items[0].dataIndex] : items[0].label;
              },
            },
          },
        },
      },
    });
  }

  function trends(canvas, spec) {
    var datasets = spec.tiers.map(function (t) {
      return {
        type: 'bar',
        label: t.label,
        data: t.data,
        stack: 'tiers',
        yAxisID: 'count',
        order: 1,
        backgroundColor: COLORS[t.tier === 'critical' ? 'critical_tier' : t.tier],
      };
    });
    datasets.push({
      type: 'line',
      label: spec.averageRisk.label,
      data: spec.averageRisk.data,
      yAxisID: 'risk',
      // Lower order is drawn last: the average risk line stays visible over the bars.
      order: 0,
      borderColor: COLORS.portfolio,
      backgroundColor: COLORS.portfolio,
    });
    return new window.Chart(canvas, {
      data: { labels: spec.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          count: { position: 'left', stacked: true, beginAtZero: true },
          x: { stacked: true },
          risk: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } },
        },
      },
    });
  }

  function history(canvas, spec) {
    return new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: [
          {
            label: spec.riskScore.label,
            data: spec.riskScore.data,
            yAxisID: 'risk',
            borderColor: COLORS.critical,
          },
          {
            label: spec.overall.label,
            data: spec.overall.data,
            yAxisID: 'maturity',
            borderColor: COLORS.portfolio,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          risk: { position: 'left', min: 0, max: 100 },
          maturity: { position: 'right', min: 1, max: 5, grid: { drawOnChartArea: false } },
        },
      },
    });
  }

  function drawCharts() {
    if (!window.Chart) return;
    var builders = { radar: radar, trends: trends, history: history };
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var kind = canvas.getAttribute('data-chart');
      if (data[kind] && builders[kind]) builders[kind](canvas, data[kind]);
    });
  }

  // Whole heatmap rows open the supplier (the name stays a real link for keyboards).
  document.querySelectorAll('tr[data-href]').forEach(function (row) {
    row.addEventListener('click', function (event) {
      if (event.target.closest('a')) return;
      window.location.href = row.getAttribute('data-href');
    });
  });

  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });

  // Finding status: nothing is saved until Save. The form works without script (a console
  // post); with script it PATCHes the API with the session cookie (our own origin, SameSite=Lax),
  // keeps focus where it is and says the result in the form's live region.
  var findingText = data.findingText || {};
  var REASONS = { 400: 'invalid', 403: 'forbidden', 404: 'notFound' };
  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }
  document.querySelectorAll('form[data-finding-form]').forEach(function (form) {
    var result = form.querySelector('[data-finding-result]');
    var select = form.querySelector('select[name=status]');
    var note = form.querySelector('textarea[name=note]');
    var button = form.querySelector('button[type=submit]');
    var label = form.getAttribute('data-finding-label') || '';
    var busy = false;
    function say(text, failed) {
      result.textContent = text;
      result.classList.toggle('finding-error', Boolean(failed));
    }
    function failed(reason) {
      var words = (findingText.reasons || {})[reason] || (findingText.reasons || {}).unknown;
      say(fill(findingText.failed, { finding: label, reason: words }), true);
    }
    form.addEventListener('submit', function (event) {
      if (!window.fetch) return;
      event.preventDefault();
      // The button stays enabled (and focused): a second press while saving is ignored.
      if (busy) return;
      busy = true;
      button.setAttribute('aria-disabled', 'true');
      say(findingText.saving, false);
      var body = { status: select.value };
      if (note && note.value.trim() !== '') body.note = note.value;
      fetch('/api/v1/findings/' + form.getAttribute('data-finding-form'), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      })
        .then(function (response) {
          if (!response.ok) {
            failed(REASONS[response.status] || 'unknown');
            return;
          }
          var chosen = select.options[select.selectedIndex].text;
          say(fill(findingText.saved, { finding: label, status: chosen }), false);
          Array.prototype.forEach.call(select.options, function (option) {
            option.defaultSelected = option.selected;
          });
          if (note) note.value = '';
        })
        .catch(function () {
          failed('network');
        })
        .finally(function () {
          busy = false;
          button.removeAttribute('aria-disabled');
        });
    });
  });

  drawCharts();
})();
