/**
 * An amount as people type it on a phone: "1500", "1,500", "1 500", "1500.50", "฿1,500",
 * "1,500 บาท", or in Thai digits "๑,๕๐๐". Grouping must group thousands, so "1,50" is not read as
 * 150 by accident. Undefined when the text is not a plain amount with at most two decimals: the
 * page then says so instead of counting it as nothing.
 */
export function readTypedAmount(text: string): number | undefined {
  const digits = text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  const bare = digits
    .trim()
    .replace(/^(฿|THB)\s*/i, '')
    .replace(/\s*(฿|THB|บาท)$/i, '');
  if (!/^(\d{1,3}([,\s]\d{3})+|\d+)(\.\d{1,2})?$/.test(bare)) return undefined;
  return Number(bare.replace(/[,\s]/g, ''));
}
