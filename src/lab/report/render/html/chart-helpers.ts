/**
 * Browser-side helpers shared by the live dashboard and the static report
 * (plain ES2017 shipped as text: the pages run it, Node never does).
 *
 *   mibMakeChart(el, spec)  a uPlot time chart; spec = { title, series: [{label, color?, scale?, spanGaps?}],
 *                           data: [xs, ...ys], yLabel, stages: () => [{time, name}],
 *                           bands: () => [{start, end, name, kind}] }
 *   mibStagePlugin(fn)      draws a labelled vertical line at each stage boundary (time in epoch s)
 *   mibBandPlugin(fn)       shades each chaos fault (kind 'fault', red) and its recovery window
 *                           (kind 'recovery', amber), and the profile window (kind 'profile', blue),
 *                           from start to end (epoch s; end null = still open),
 *                           and counts what it drew in u.mibBandsDrawn
 */
export const CHART_HELPERS_JS = String.raw`
var MIB_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

function mibStagePlugin (getStages) {
  return {
    hooks: {
      draw: [function (u) {
        var stages = getStages() || [];
        var ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = 'rgba(90,90,90,0.55)';
        ctx.fillStyle = 'rgba(60,60,60,0.9)';
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1;
        ctx.font = (10 * devicePixelRatio) + 'px sans-serif';
        for (var i = 0; i < stages.length; i++) {
          var x = Math.round(u.valToPos(stages[i].time, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(stages[i].name, x + 3, u.bbox.top + 12 * devicePixelRatio);
        }
        ctx.restore();
      }]
    }
  };
}

var MIB_BAND_FILL = { fault: 'rgba(214,39,40,0.16)', recovery: 'rgba(255,127,14,0.13)', profile: 'rgba(31,119,180,0.14)' };

function mibBandPlugin (getBands) {
  return {
    hooks: {
      draw: [function (u) {
        var bands = getBands() || [];
        var ctx = u.ctx;
        var left = u.bbox.left;
        var right = u.bbox.left + u.bbox.width;
        var drawn = 0;
        ctx.save();
        ctx.font = (10 * devicePixelRatio) + 'px sans-serif';
        for (var i = 0; i < bands.length; i++) {
          var b = bands[i];
          var end = b.end === null ? u.scales.x.max : b.end;
          var x0 = Math.max(left, u.valToPos(b.start, 'x', true));
          var x1 = Math.min(right, u.valToPos(end, 'x', true));
          if (!(x1 > x0)) continue;
          ctx.fillStyle = MIB_BAND_FILL[b.kind] || MIB_BAND_FILL.fault;
          ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
          if (b.kind === 'fault' || b.kind === 'profile') {
            ctx.fillStyle = b.kind === 'profile' ? 'rgba(20,70,130,0.95)' : 'rgba(150,20,20,0.95)';
            ctx.fillText(b.name, x0 + 2, u.bbox.top + u.bbox.height - 4 * devicePixelRatio);
          }
          drawn++;
        }
        ctx.restore();
        u.mibBandsDrawn = drawn;
      }]
    }
  };
}

function mibMakeChart (el, spec) {
  var width = Math.max(320, (el.clientWidth || 640) - 8);
  var scales = { x: { time: true } };
  var axes = [{}, { label: spec.yLabel || '', scale: 'y' }];
  var series = [{}];
  var usesY2 = false;
  for (var i = 0; i < spec.series.length; i++) {
    var s = spec.series[i];
    var scale = s.scale || 'y';
    if (scale !== 'y') usesY2 = true;
    // spanGaps only where samples of different sources interleave (monitor files); elsewhere a null is a real gap.
    series.push({ label: s.label, stroke: s.color || MIB_COLORS[i % MIB_COLORS.length], width: 1.5, scale: scale, spanGaps: s.spanGaps === true });
  }
  if (usesY2) axes.push({ label: spec.y2Label || '', scale: 'y2', side: 1, grid: { show: false } });
  return new uPlot({
    title: spec.title,
    width: width,
    height: spec.height || 220,
    scales: scales,
    axes: axes,
    series: series,
    plugins: [mibBandPlugin(spec.bands || function () { return []; }), mibStagePlugin(spec.stages || function () { return []; })]
  }, spec.data, el);
}
`
