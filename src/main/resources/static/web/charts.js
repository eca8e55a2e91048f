// Draws every <canvas data-chart> with Chart.js: when the page loads and whenever htmx swaps new content in.
// The same numbers are always in a table beside the chart; the chart is a picture of them.
(function () {
  'use strict';
  var POINTS = ['circle', 'rect', 'triangle', 'rectRot'];

  function dataset(series, index, spec) {
    var line = spec.type === 'line';
    return {
      label: series.label,
      data: series.data,
      backgroundColor: series.color,
      borderColor: series.color,
      borderWidth: line ? 2 : 0,
      // series differ by more than colour: dashed lines and different point shapes
      borderDash: line && index % 2 === 1 ? [6, 4] : [],
      pointStyle: POINTS[index % POINTS.length],
      pointRadius: line ? 4 : 0,
      spanGaps: true
    };
  }

  // a chart whose canvas htmx swapped out is destroyed, so charts do not pile up with every change of year or filter
  function forgetRemoved() {
    Object.values(Chart.instances || {}).forEach(function (chart) {
      if (!document.body.contains(chart.canvas)) {
        chart.destroy();
      }
    });
  }

  function draw(root) {
    forgetRemoved();
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn === 'true') {
        return;
      }
      var spec = JSON.parse(canvas.dataset.chart);
      var valueAxis = {stacked: spec.stacked, beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: spec.unit}};
      var categoryAxis = {stacked: spec.stacked, ticks: {autoSkip: false}};
      canvas.dataset.drawn = 'true';
      new Chart(canvas, {
        type: spec.type,
        data: {labels: spec.labels, datasets: spec.datasets.map(function (s, i) { return dataset(s, i, spec); })},
        options: {
          indexAxis: spec.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: spec.horizontal ? {x: valueAxis, y: categoryAxis} : {x: categoryAxis, y: valueAxis},
          plugins: {legend: {position: 'bottom', labels: {usePointStyle: true, color: '#1a1a1a'}}}
        }
      });
    });
  }

  document.addEventListener('click', function (event) {
    if (event.target.closest('[data-print]')) {
      window.print();
    }
  });

  if (window.Chart) {
    Chart.defaults.color = '#1a1a1a';
    Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  }
  if (window.htmx) {
    htmx.onLoad(draw);
  } else {
    document.addEventListener('DOMContentLoaded', function () { draw(document); });
  }
})();
