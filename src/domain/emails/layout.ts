import type { EmailAttachment } from '../email-message';
import type { EmailLink, RenderedEmail } from './email-input';

/**
 * One layout for every email: a greeting, paragraphs and a table of facts, written once as plain text and once
 * as HTML from the same blocks so the two never say different things.
 */

/** A label and its value, e.g. `['When', 'Sunday 28 March 2027, 10:00 BST']`. */
export type Fact = readonly [label: string, value: string];

/** A paragraph of text, a table of facts, or a link to a page of the app. */
export type Block = string | { readonly facts: readonly Fact[] } | { readonly link: EmailLink };

export const maxSubjectLength = 200;

// Control characters (CR and LF above all), format characters and line/paragraph separators.
const unsafeCharacters = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/**
 * User-supplied text on one line: control characters become spaces, so a name cannot add lines or headers.
 * @example oneLine('Bo\r\nBcc: x@y') // 'Bo Bcc: x@y'
 */
export function oneLine(value: string): string {
  return value.replace(unsafeCharacters, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A safe subject: one line, no control characters, at most 200 characters (cut at a whole character, with "…").
 * @example subjectLine('Audition confirmed: <title>') // 'Audition confirmed: <title>'
 */
export function subjectLine(value: string): string {
  const line = oneLine(value);
  if (line.length <= maxSubjectLength) return line;
  let cut = '';
  for (const character of line) {
    if (cut.length + character.length > maxSubjectLength - 1) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}

/**
 * Text safe to place in HTML element content or a quoted attribute.
 * @example escapeHtml('<script>"x"</script>') // '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * A list of names as people write it.
 * @example listOf(['Ophelia', 'Gertrude', 'Horatio']) // 'Ophelia, Gertrude and Horatio'
 */
export function listOf(items: readonly string[]): string {
  const names = items.map(oneLine);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const signOff = 'Best wishes,\nAudition Me';

function textBlock(block: Block): string {
  if (typeof block === 'string') return block;
  if ('link' in block) return `${block.link.label}: ${block.link.url}`;
  return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
}

function htmlBlock(block: Block): string {
  if (typeof block === 'string') return `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`;
  if ('link' in block) return `<p><a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a></p>`;
  const rows = block.facts.map(
    ([label, value]) =>
      `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:2px 16px 2px 0">${escapeHtml(label)}</th>` +
      `<td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
  );
  return `<table role="presentation" style="border-collapse:collapse;margin:0 0 1em">${rows.join('')}</table>`;
}

/**
 * Renders the blocks as plain text and as HTML (every value escaped), with a greeting, the link to the page where
 * the reader acts on the email, and a sign-off. Every email has that link.
 *
 * @example composeEmail({ subject: 'Cast!', greeting: 'Hi Bo,', blocks: ['You are cast.'], link: { label, url } })
 */
export function composeEmail(content: {
  subject: string;
  greeting: string;
  blocks: readonly Block[];
  link: EmailLink;
  attachments?: EmailAttachment[];
}): RenderedEmail {
  const subject = subjectLine(content.subject);
  const blocks: Block[] = [content.greeting, ...content.blocks, { link: content.link }, signOff];
  const text = `${blocks.map(textBlock).join('\n\n')}\n`;
  const html =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(subject)}</title></head>\n` +
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a">\n' +
    `${blocks.map(htmlBlock).join('\n')}\n</body></html>\n`;
  return { subject, text, html, ...(content.attachments ? { attachments: content.attachments } : {}) };
}
