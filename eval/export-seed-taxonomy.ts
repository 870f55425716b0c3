import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoCaseTypes, demoFaq, demoServices, type DemoFaq } from '../seeds/demo.ts';
import { taxonomySchema, type FaqEntry, type Taxonomy } from '../core/understanding/taxonomy.ts';

/**
 * The evaluation taxonomy: the demo seed's case types, bookable services and FAQ entries (keys,
 * names, descriptions, keywords and example phrases, exactly as seeded and shaped as
 * `loadOrgTaxonomy` shapes them) plus a few FAQ entries the seed does not have. `node eval/export-seed-taxonomy.ts` writes `eval/taxonomy.json` (the
 * `npm run classify --taxonomy` format); the eval and the tests call `seedTaxonomy()` directly,
 * so the file and the seed cannot drift apart unnoticed (run-eval compares them).
 */

/**
 * FAQ topics the demo seed does not cover (its own entries, `demoFaq`, come first), so that the
 * eval's questions about prices, policies and contact have an entry to match. Written like the
 * seed's: a question and an answer per language.
 */
export const extraEvalFaq: DemoFaq[] = [
  {
    key: 'prices',
    questionTh: 'ทัวร์ รถรับส่งสนามบิน และสปา ราคาเท่าไหร่',
    questionEn: 'How much do the tour, the airport transfer and the spa cost?',
    answerTh: 'ทัวร์กรุงเทพฯ 2,200 บาท รถรับส่งสนามบิน 1,200 บาทต่อเที่ยว สปาและนวดแผนไทย 1,500 บาทต่อท่าน',
    answerEn: 'Bangkok city tour 2,200 baht, airport transfer 1,200 baht per trip, spa and Thai massage 1,500 baht per person.',
    keywords: [],
  },
  {
    key: 'cancellation_policy',
    questionTh: 'ยกเลิกหรือเปลี่ยนวันจองได้ไหม',
    questionEn: 'Can I cancel or change my booking?',
    answerTh: 'ยกเลิกหรือเลื่อนวันได้ฟรีก่อน 24 ชั่วโมง หลังจากนั้นคิดค่าธรรมเนียม 50%',
    answerEn: 'Free cancellation or rescheduling up to 24 hours before; later cancellations are charged 50%.',
    keywords: [],
  },
  {
    key: 'contact',
    questionTh: 'ติดต่อเจ้าหน้าที่ทางไหนได้บ้าง',
    questionEn: 'How can I contact you?',
    answerTh: 'แชทที่นี่ผ่าน LINE หรือ WhatsApp โทร 02-000-0000 หรืออีเมล hello@demo.example',
    answerEn: 'Chat with us here on LINE or WhatsApp, call 02-000-0000 or email hello@demo.example.',
    keywords: [],
  },
  {
    key: 'topup_methods',
    questionTh: 'เติมเงินเติมเครดิตยังไง',
    questionEn: 'How do I top up my credit?',
    answerTh: 'เข้าแอป กดเติมเงิน แล้วจ่ายผ่านพร้อมเพย์ บัตร หรือทรูมันนี่ ขั้นต่ำ 100 บาท',
    answerEn: 'Open the app, choose Top up, and pay by PromptPay QR, card or TrueMoney; the minimum is 100 baht.',
    keywords: [],
  },
  {
    key: 'refund_policy',
    questionTh: 'คืนเงินใช้เวลากี่วัน',
    questionEn: 'How long does a refund take?',
    answerTh: 'เงินคืนจะเข้าช่องทางเดิมภายใน 7-14 วันหลังอนุมัติ',
    answerEn: 'Approved refunds go back to the original payment method within 7 to 14 days.',
    keywords: [],
  },
];

/** One FAQ entry per language, as `loadOrgTaxonomy` reads them from master data. */
function faqEntries(faq: DemoFaq[]): FaqEntry[] {
  return faq.flatMap((f) => [
    { key: f.key, question: f.questionTh, answer: f.answerTh, keywords: f.keywords },
    { key: f.key, question: f.questionEn, answer: f.answerEn, keywords: f.keywords },
  ]);
}

export function seedTaxonomy(): Taxonomy {
  return taxonomySchema.parse({
    caseTypes: demoCaseTypes.map((c) => ({
      key: c.key,
      name: { en: c.nameEn, th: c.nameTh },
      description: c.description,
      keywords: c.keywords,
      examples: [...c.examples.th, ...c.examples.en],
    })),
    bookingTypes: demoServices.map((s) => ({
      key: s.key,
      name: { en: s.nameEn, th: s.nameTh },
      description: s.description,
      keywords: s.keywords,
      examples: [...s.examples.th, ...s.examples.en],
    })),
    faq: faqEntries([...demoFaq, ...extraEvalFaq]),
  });
}

export const taxonomyPath = fileURLToPath(new URL('./taxonomy.json', import.meta.url));

export function seedTaxonomyJson(): string {
  return JSON.stringify(seedTaxonomy(), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(taxonomyPath, seedTaxonomyJson());
  process.stdout.write(`wrote ${taxonomyPath}\n`);
}
