import type { ScenarioResult, SoakResult } from './scenario-result.js';

const COLORS: Record<string, string> = {
  'nestjs-naz': '#2b6cb0',
  'node-smpp (no-delay)': '#c05621',
  'node-smpp (default, Nagle on)': '#f6ad55',
  'raw-socket': '#a0aec0',
};

/** A bar's legend: the client, and its variant when it has one (`node-smpp (no-delay)`). */
export function contenderLabel(r: Pick<ScenarioResult, 'client' | 'variant'>): string {
  return r.variant ? `${r.client} (${r.variant})` : r.client;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Grouped bar chart (SVG) of median throughput by window, one bar per client. */
export function throughputChart(title: string, results: ScenarioResult[]): string {
  const windows = [...new Set(results.map((r) => r.window))].sort((a, b) => a - b);
  const clients = [...new Set(results.map(contenderLabel))];
  const max = Math.max(1, ...results.map((r) => r.median.msgsPerSec));
  const width = 720;
  const height = 360;
  const left = 80;
  const bottom = 300;
  const plotHeight = 240;
  const groupWidth = (width - left - 20) / windows.length;
  const barWidth = (groupWidth - 30) / clients.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const y = bottom - (plotHeight * i) / 4;
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${Math.round(value / 1000)}k</text>`);
  }
  windows.forEach((window, wi) => {
    const x0 = left + wi * groupWidth + 15;
    clients.forEach((client, ci) => {
      const r = results.find((x) => x.window === window && contenderLabel(x) === client);
      if (!r) return;
      const h = (r.median.msgsPerSec / max) * plotHeight;
      const x = x0 + ci * barWidth;
      parts.push(
        `<rect x="${x}" y="${bottom - h}" width="${barWidth - 4}" height="${h}" fill="${COLORS[client] ?? '#555'}"/>`,
      );
      parts.push(
        `<text x="${x + (barWidth - 4) / 2}" y="${bottom - h - 4}" text-anchor="middle" font-size="10">${Math.round(r.median.msgsPerSec / 1000)}k</text>`,
      );
    });
    parts.push(
      `<text x="${x0 + (groupWidth - 30) / 2}" y="${bottom + 18}" text-anchor="middle">window ${window}</text>`,
    );
  });
  clients.forEach((client, ci) => {
    const x = left + ci * 200;
    parts.push(
      `<rect x="${x}" y="${height - 28}" width="12" height="12" fill="${COLORS[client] ?? '#555'}"/>`,
    );
    parts.push(`<text x="${x + 18}" y="${height - 18}">${escape(client)}</text>`);
  });
  parts.push(
    `<text x="16" y="${bottom - plotHeight / 2}" transform="rotate(-90 16 ${bottom - plotHeight / 2})" text-anchor="middle">submit_sm / s (median)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Line chart (SVG) of RSS and heap over the soak. */
export function soakChart(soak: SoakResult): string {
  const width = 720;
  const height = 340;
  const left = 70;
  const bottom = 290;
  const plotHeight = 240;
  const plotWidth = width - left - 30;
  const maxT = Math.max(1, ...soak.samples.map((s) => s.t));
  const maxMb = Math.max(1, ...soak.samples.map((s) => s.rssMb)) * 1.1;
  const line = (pick: (s: SoakResult['samples'][number]) => number): string =>
    soak.samples
      .map(
        (s, i) =>
          `${i ? 'L' : 'M'}${left + (s.t / maxT) * plotWidth},${bottom - (pick(s) / maxMb) * plotHeight}`,
      )
      .join(' ');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">Soak: ${soak.n.toLocaleString('en')} submit_sm, memory over time (s)</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = bottom - (plotHeight * i) / 4;
    parts.push(`<line x1="${left}" x2="${width - 30}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${Math.round((maxMb * i) / 4)} MB</text>`,
    );
  }
  parts.push(`<text x="${left}" y="${bottom + 18}">0</text>`);
  parts.push(`<text x="${width - 30}" y="${bottom + 18}" text-anchor="end">${Math.round(maxT)} s</text>`);
  parts.push(`<path d="${line((s) => s.rssMb)}" fill="none" stroke="#2b6cb0" stroke-width="2"/>`);
  parts.push(`<path d="${line((s) => s.heapMb)}" fill="none" stroke="#38a169" stroke-width="2"/>`);
  parts.push(
    `<rect x="${left}" y="${height - 28}" width="12" height="12" fill="#2b6cb0"/><text x="${left + 18}" y="${height - 18}">RSS</text>`,
  );
  parts.push(
    `<rect x="${left + 80}" y="${height - 28}" width="12" height="12" fill="#38a169"/><text x="${left + 98}" y="${height - 18}">heap used</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
