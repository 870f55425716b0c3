/**
 * What the customer wrote in an e-mail reply, without the history their mail program quoted under
 * it: the text up to the first line that opens a quote ("On … wrote:", its Thai form, Outlook's
 * "-----Original Message-----" or "From: … Sent: …" block, or a run of "> " lines). The full text
 * stays in the stored raw message; staff see the new part.
 */
const QUOTE_OPENERS = [
  /^On .{1,200} wrote:\s*$/i,
  /^เมื่อ.{1,200}เขียนว่า:?\s*$/,
  /^-{2,}\s*(Original Message|Forwarded message|ข้อความต้นฉบับ)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^From:\s.+$/i,
];

export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    // Gmail folds a long "On … wrote:" over two lines.
    const withNext = `${line} ${(lines[i + 1] ?? '').trim()}`;
    if (QUOTE_OPENERS.some((re) => re.test(line)) || /^On .{1,200} wrote:\s*$/i.test(withNext)) {
      end = i;
      break;
    }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trim();
}
