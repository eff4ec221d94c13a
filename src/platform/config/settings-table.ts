import { SETTINGS } from './settings';

/** The settings table of docs/settings.md (Markdown), generated from the one settings list. */
export function settingsTable(): string {
  const rows = SETTINGS.map((s) => {
    const fallback = 'default' in s && s.default !== undefined ? `\`${s.default}\`` : '';
    return `| \`${s.name}\` | ${s.description} | ${fallback} |`;
  });
  return ['| setting | what it is | default |', '| --- | --- | --- |', ...rows].join('\n');
}
