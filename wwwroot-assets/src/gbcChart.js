// The one chart module of GbcPortal: draws usage buckets sent by the server with Chart.js 4, and
// the staff page's time series (kind 'series': stacked bars or areas, a limit line, shaded bands).
// Chart.js and its date-fns adapter are UMD bundles copied beside this file by the Portal build;
// they are loaded on first use so pages without a chart do not pay for them.

const charts = new WeakMap();
let loading = null;

function loadScript(url) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = url;
        script.async = false;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`could not load ${url}`));
        document.head.appendChild(script);
    });
}

// Loaded once per page: the module itself is cached, so the promise is shared by every chart.
function ensureChartJs() {
    if (!loading) {
        const base = new URL('.', import.meta.url);
        loading = (window.Chart ? Promise.resolve() : loadScript(new URL('chart.js/chart.umd.min.js', base).href))
            .then(() => loadScript(new URL('chartjs-adapter-date-fns/chartjs-adapter-date-fns.bundle.min.js', base).href));
    }
    return loading;
}

// The browser may be in another zone than the service; labels always use the service's zone.
function formatter(timeZone, unit) {
    const options = { timeZone };
    if (unit === 'month') {
        Object.assign(options, { month: 'short', year: 'numeric' });
    } else if (unit === 'day') {
        Object.assign(options, { weekday: 'short', month: 'short', day: 'numeric' });
    } else {
        Object.assign(options, { hour: 'numeric', minute: '2-digit' });
    }
    return new Intl.DateTimeFormat(undefined, options);
}

function sum(values) {
    return values.reduce((total, v) => (v === null || v === undefined ? total : total + v), 0);
}

// Chart.js calls afterRender once it has painted the canvas. The time since navigation start
// lands on the canvas (data-drawn-at, ms), so a browser test can report how long a view takes.
const drawnSignal = {
    id: 'gbcDrawn',
    afterRender: chart => {
        chart.canvas.dataset.drawnAt = String(Math.round(performance.now()));
    },
};

// Shades spans of the x axis (the off-peak hours) under the data, across the whole plot height.
const bandShading = {
    id: 'gbcBands',
    beforeDatasetsDraw: (chart, args, options) => {
        const bands = options?.bands ?? [];
        const { ctx, chartArea, scales } = chart;
        if (!bands.length || !chartArea || !scales.x) {
            return;
        }
        ctx.save();
        ctx.fillStyle = options.color;
        for (const band of bands) {
            const left = Math.max(scales.x.getPixelForValue(band.from), chartArea.left);
            const right = Math.min(scales.x.getPixelForValue(band.to), chartArea.right);
            if (right > left) {
                ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
            }
        }
        ctx.restore();
    },
};

function buildSeriesConfig(spec) {
    const ticks = formatter(spec.timeZone, spec.unit ?? 'day');
    const tooltipTime = new Intl.DateTimeFormat(undefined, { timeZone: spec.timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const datasets = spec.series.map((s, index) => ({
        label: s.label,
        type: s.type,
        data: s.points.map(p => ({ x: p.t, y: p.y })),
        borderColor: s.color,
        backgroundColor: s.type === 'bar' ? s.color : s.color + '55',
        borderWidth: s.type === 'bar' ? 0 : 2,
        borderDash: s.dashed ? [6, 4] : undefined,
        fill: s.fill ? (index > 0 && spec.series[index - 1].fill ? '-1' : 'origin') : false,
        stepped: s.stepped ? 'before' : false,
        // 168 hourly bars: side by side, so a busy day reads as a block.
        barPercentage: 1,
        categoryPercentage: 0.9,
        pointRadius: 0,
        pointStyle: s.type === 'bar' ? 'rect' : 'line',
        // A line that is not part of the stack (the limit) is kept out of it.
        stack: s.stacked === false ? s.key : 'stack',
        order: s.type === 'bar' ? 2 : 1,
    }));
    if (spec.bands?.length && spec.bandLabel) {
        // No data: only the legend item that names the shading.
        datasets.push({ label: spec.bandLabel, type: 'bar', data: [], backgroundColor: spec.bandColor, borderColor: spec.bandColor, pointStyle: 'rect' });
    }
    const explicitTicks = spec.ticks ?? null;
    return {
        type: spec.type ?? 'bar',
        data: { datasets },
        plugins: [drawnSignal, bandShading],
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            interaction: { mode: 'index', intersect: false },
            scales: {
                x: {
                    type: 'time',
                    min: spec.min,
                    max: spec.max,
                    offset: false,
                    stacked: true,
                    time: { unit: 'hour' },
                    // Ticks where the server says (midnights in the chart's zone), whatever the browser's zone.
                    afterBuildTicks: explicitTicks ? axis => { axis.ticks = explicitTicks.map(value => ({ value })); } : undefined,
                    ticks: {
                        autoSkip: !explicitTicks,
                        maxRotation: 0,
                        callback: value => ticks.format(new Date(value)),
                    },
                    title: spec.xLabel ? { display: true, text: spec.xLabel } : undefined,
                    grid: { display: true, color: '#00000014' },
                },
                y: {
                    beginAtZero: true,
                    stacked: spec.stacked ?? false,
                    suggestedMax: spec.suggestedMax,
                    title: { display: true, text: spec.yLabel },
                },
            },
            plugins: {
                gbcBands: { bands: spec.bands ?? [], color: spec.bandColor },
                legend: {
                    position: 'bottom',
                    labels: { usePointStyle: true, pointStyleWidth: 28 },
                },
                tooltip: {
                    filter: item => item.dataset.data.length > 0,
                    callbacks: {
                        title: items => items.length ? tooltipTime.format(new Date(items[0].parsed.x)) : '',
                    },
                },
            },
        },
    };
}

function buildConfig(spec) {
    if (spec.kind === 'series') {
        return buildSeriesConfig(spec);
    }
    const points = spec.points ?? [];
    const x = points.map(p => p.t);
    const series = [
        { key: 'd', label: 'Delivered (from the grid)', color: '#1f5fa8', type: spec.kind },
        { key: 'r', label: 'Received (solar to the grid)', color: '#b35c00', type: spec.kind },
        { key: 'n', label: 'Net (delivered − received)', color: '#5f6b76', type: 'line' },
    ].filter(s => spec.show?.[s.key] ?? true);

    const datasets = series.map(s => ({
        label: s.label,
        type: s.type,
        data: points.map((p, i) => ({ x: x[i], y: p[s.key] ?? null })),
        borderColor: s.color,
        backgroundColor: s.type === 'bar' ? s.color + 'cc' : s.color,
        borderWidth: s.key === 'n' ? 1.5 : 2,
        borderDash: s.key === 'n' ? [5, 4] : undefined,
        pointStyle: s.type === 'bar' ? 'rect' : 'line',
        pointRadius: s.type === 'line' && points.length > 60 ? 0 : 2,
        spanGaps: false, // a missing bucket is a gap, never a line across it
        order: s.key === 'n' ? 2 : 1, // net underneath: where nothing is received it equals delivered
    }));

    const ticks = formatter(spec.timeZone, spec.unit);
    const tooltipTime = new Intl.DateTimeFormat(undefined, spec.unit === 'month'
        ? { timeZone: spec.timeZone, month: 'long', year: 'numeric' }
        : spec.unit === 'day'
            ? { timeZone: spec.timeZone, dateStyle: 'full' }
            : { timeZone: spec.timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const unitLabel = spec.unitLabel ?? 'kWh';

    return {
        type: spec.kind === 'bar' ? 'bar' : 'line',
        data: { datasets },
        plugins: [drawnSignal],
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            interaction: { mode: 'index', intersect: false },
            scales: {
                x: {
                    type: 'time',
                    offset: spec.kind === 'bar',
                    time: { unit: spec.unit === 'quarter-hour' ? 'minute' : spec.unit },
                    ticks: {
                        source: 'data',
                        autoSkip: true,
                        autoSkipPadding: 16,
                        // Labels are formatted after Chart.js measures them, so the count is capped by width too.
                        maxTicksLimit: Math.max(3, Math.floor((spec.width ?? 800) / 110)),
                        maxRotation: 0,
                        callback: value => ticks.format(new Date(value)),
                    },
                    grid: { display: false },
                },
                y: {
                    beginAtZero: true,
                    title: { display: true, text: unitLabel },
                },
            },
            plugins: {
                legend: {
                    position: 'bottom',
                    labels: {
                        usePointStyle: true,
                        pointStyleWidth: 28,
                        // Chart.js takes a legend item's style from the first data point, which in a
                        // mixed bar chart leaves the net line black; each item gets its series colour.
                        generateLabels: chart => window.Chart.defaults.plugins.legend.labels.generateLabels(chart)
                            .map(item => {
                                const s = series[item.datasetIndex];
                                return s ? {
                                    ...item,
                                    fillStyle: s.color,
                                    strokeStyle: s.color,
                                    pointStyle: s.type === 'bar' ? 'rect' : 'line',
                                    lineWidth: s.type === 'bar' ? 1 : 3,
                                    lineDash: s.key === 'n' ? [5, 3] : [],
                                } : item;
                            }),
                    },
                },
                tooltip: {
                    callbacks: {
                        title: items => items.length ? tooltipTime.format(new Date(items[0].parsed.x)) : '',
                        label: item => item.parsed.y === null
                            ? `${item.dataset.label}: no data`
                            : `${item.dataset.label}: ${item.parsed.y.toFixed(3)} ${unitLabel}`,
                    },
                },
            },
        },
    };
}

// Exposes what was drawn on the canvas element, so tests can compare it with the truth.
function describe(canvas, spec) {
    if (spec.kind === 'series') {
        const totals = Object.fromEntries(spec.series.map(s => [s.key, sum(s.points.map(p => p.y))]));
        canvas.dataset.drawnSeries = JSON.stringify(totals);
        canvas.dataset.points = String(spec.series[0]?.points.length ?? 0);
        canvas.dataset.bands = String(spec.bands?.length ?? 0);
        canvas.dataset.drawn = 'true';
        return;
    }
    const points = spec.points ?? [];
    const round = v => (Math.round(v * 1000) / 1000).toString();
    canvas.dataset.points = String(points.length);
    canvas.dataset.drawnDeliveredKwh = round(sum(points.map(p => p.d)));
    canvas.dataset.drawnReceivedKwh = round(sum(points.map(p => p.r)));
    canvas.dataset.gaps = String(points.filter(p => p.d === null && p.r === null).length);
    canvas.dataset.drawn = 'true';
}

export async function render(canvas, spec) {
    await ensureChartJs();
    const existing = charts.get(canvas);
    const config = buildConfig({ ...spec, width: canvas.parentElement?.clientWidth ?? canvas.clientWidth });
    if (existing && existing.config.type === config.type) {
        existing.data = config.data;
        existing.options = config.options;
        existing.update('none');
    } else {
        existing?.destroy(); // Chart.js cannot change a chart's type in place
        charts.set(canvas, new window.Chart(canvas, config));
    }
    describe(canvas, spec);
}

export function destroy(canvas) {
    const chart = charts.get(canvas);
    if (chart) {
        chart.destroy();
        charts.delete(canvas);
    }
    if (canvas?.dataset) {
        canvas.dataset.drawn = 'false';
    }
}

// Counts by category (e.g. staff's staleness bars): labels on x, whole numbers on y, one series.
function buildBarConfig(spec) {
    const labels = spec.labels ?? [];
    const values = spec.values ?? [];
    return {
        type: 'bar',
        data: {
            labels,
            datasets: [{
                label: spec.seriesLabel ?? '',
                data: values,
                backgroundColor: (spec.colors ?? []).length ? spec.colors : (spec.color ?? '#1f5fa8') + 'cc',
                borderColor: spec.color ?? '#1f5fa8',
                borderWidth: 1,
            }],
        },
        plugins: [drawnSignal],
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            scales: {
                x: { title: { display: !!spec.xTitle, text: spec.xTitle }, grid: { display: false } },
                y: { beginAtZero: true, title: { display: !!spec.yTitle, text: spec.yTitle }, ticks: { precision: 0 } },
            },
            plugins: { legend: { display: false } },
        },
    };
}

export async function renderBars(canvas, spec) {
    await ensureChartJs();
    charts.get(canvas)?.destroy();
    charts.set(canvas, new window.Chart(canvas, buildBarConfig(spec)));
    canvas.dataset.points = String((spec.values ?? []).length);
    canvas.dataset.drawnTotal = String(sum(spec.values ?? []));
    canvas.dataset.drawn = 'true';
}
