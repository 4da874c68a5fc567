// HTML pieces for the dashboard: escaping, the page shell (inline CSS, no script, no external
// resource: the government network may have no internet), and inline SVG bar charts.
import { TASK_STATES, type TaskState } from '../progress/state.ts';

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const STATE_COLOR: Record<TaskState, string> = {
  已完成: '#2e7d32',
  逾期完成: '#f9a825',
  正常推进: '#66bb6a',
  滞后: '#d32f2f',
  未开始: '#9e9e9e',
};

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f5f6f8}
header{background:#b71c1c;color:#fff;padding:10px 14px}header h1{font-size:18px;margin:0}header .sub{font-size:13px;opacity:.9}
nav{display:flex;flex-wrap:wrap;gap:4px;padding:8px 10px;background:#fff;border-bottom:1px solid #e3e3e3;position:sticky;top:0}
nav a{padding:4px 10px;border-radius:14px;color:#333;text-decoration:none;font-size:14px;background:#f0f0f0}nav a.on{background:#b71c1c;color:#fff}
main{max-width:980px;margin:0 auto;padding:10px}
section{background:#fff;border-radius:8px;padding:12px;margin:0 0 10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:16px;margin:0 0 8px}h3{font-size:15px;margin:10px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px}
.card{border-radius:8px;padding:8px 10px;color:#fff}.card .n{font-size:26px;font-weight:700;display:block}.card a{color:#fff}
.tbl{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #eee;padding:6px 5px;text-align:left;vertical-align:top}th{background:#fafafa;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px;white-space:nowrap}
.tone-red{background:#fdecea}.tone-yellow{background:#fff8e1}
.muted{color:#777;font-size:13px}a{color:#0b57d0}
svg{width:100%;height:auto;display:block}svg text{font-size:12px;fill:#333}
.legend span{display:inline-block;margin-right:10px;font-size:13px}.legend i{display:inline-block;width:10px;height:10px;margin-right:3px;border-radius:2px}
details{margin:4px 0}pre{white-space:pre-wrap;font:13px/1.5 inherit;background:#fafafa;padding:8px;border-radius:6px}
.day{border-left:3px solid #b71c1c;padding-left:8px;margin:8px 0}.day.rest{border-color:#ccc;color:#999}
@media (max-width:520px){.hide-s{display:none}main{padding:6px}section{padding:10px}}
`;

export interface NavItem {
  href: string;
  label: string;
}

export const NAV: NavItem[] = [
  { href: '/dashboard', label: '总览' },
  { href: '/dashboard/units', label: '按单位' },
  { href: '/dashboard/leaders', label: '按领导' },
  { href: '/dashboard/towns', label: '按镇街' },
  { href: '/dashboard/lagging', label: '滞后清单' },
  { href: '/dashboard/calendar', label: '提醒日历' },
];

export function page(title: string, sub: string, active: string, body: string): string {
  const nav = NAV.map((n) => `<a href="${n.href}"${n.href === active ? ' class="on"' : ''}>${esc(n.label)}</a>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)} · 督办看板</title><style>${CSS}</style></head><body><header><h1>${esc(title)}</h1><div class="sub">${esc(sub)}</div></header><nav>${nav}</nav><main>${body}</main></body></html>`;
}

export function errorPage(title: string, message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><header><h1>督办看板</h1></header><main><section><h2 data-error>${esc(title)}</h2><p>${esc(message)}</p></section></main></body></html>`;
}

export function stateBadge(s: TaskState): string {
  return `<span class="badge" style="background:${STATE_COLOR[s]}">${esc(s)}</span>`;
}

export function legend(): string {
  return `<div class="legend">${TASK_STATES.map((s) => `<span><i style="background:${STATE_COLOR[s]}"></i>${s}</span>`).join('')}</div>`;
}

/** Vertical bars, one per item, value on top. */
export function barChart(items: { label: string; value: number; color: string }[], opts: { title: string; height?: number }): string {
  const w = 360;
  const h = opts.height ?? 180;
  const top = 22;
  const bottom = 26;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = w / Math.max(1, items.length);
  const bw = Math.min(56, slot * 0.6);
  const bars = items
    .map((it, i) => {
      const bh = Math.round(((h - top - bottom) * it.value) / max);
      const x = Math.round(i * slot + (slot - bw) / 2);
      const y = h - bottom - bh;
      return `<g><rect x="${x}" y="${y}" width="${Math.round(bw)}" height="${bh}" fill="${it.color}" rx="3"><title>${esc(it.label)}：${it.value}</title></rect><text x="${Math.round(i * slot + slot / 2)}" y="${y - 5}" text-anchor="middle" data-bar="${esc(it.label)}">${it.value}</text><text x="${Math.round(i * slot + slot / 2)}" y="${h - 8}" text-anchor="middle">${esc(it.label)}</text></g>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(opts.title)}"><line x1="0" y1="${h - bottom}" x2="${w}" y2="${h - bottom}" stroke="#ccc"/>${bars}</svg>`;
}

/** Horizontal stacked bars (one row per unit/leader/town/quarter), segments by state. */
export function stackedBars(rows: { label: string; counts: Record<TaskState, number>; href?: string }[], opts: { title: string }): string {
  const w = 360;
  const labelW = 96;
  const rowH = 22;
  const h = rows.length * rowH + 6;
  const max = Math.max(1, ...rows.map((r) => TASK_STATES.reduce((n, s) => n + r.counts[s], 0)));
  const scale = (w - labelW - 30) / max;
  const body = rows
    .map((r, i) => {
      const y = i * rowH + 3;
      let x = labelW;
      const segs = TASK_STATES.filter((s) => r.counts[s] > 0)
        .map((s) => {
          const sw = Math.max(2, r.counts[s] * scale);
          const seg = `<rect x="${x.toFixed(1)}" y="${y}" width="${sw.toFixed(1)}" height="${rowH - 6}" fill="${STATE_COLOR[s]}"><title>${esc(r.label)} ${s}：${r.counts[s]}</title></rect>`;
          x += sw;
          return seg;
        })
        .join('');
      const total = TASK_STATES.reduce((n, s) => n + r.counts[s], 0);
      const label = r.label.length > 7 ? r.label.slice(0, 6) + '…' : r.label;
      const text = `<text x="${labelW - 4}" y="${y + 12}" text-anchor="end">${esc(label)}</text>`;
      return `${r.href ? `<a href="${esc(r.href)}">${text}</a>` : text}${segs}<text x="${(x + 4).toFixed(1)}" y="${y + 12}">${total}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(opts.title)}">${body}</svg>`;
}
