import type { BookingFormFieldName } from '../contracts/booking-form.ts';
import type { StarterKit } from '../contracts/tenants.ts';
import type { KindOfBusinessText } from '../templates/template-admin.ts';

/**
 * What each starter kit holds, in the words of the business it is for (the seeds it comes from
 * are named on each). Entries are the admin API's own bodies (`POST /api/v1/case-types`,
 * `/services`, `/providers`, `/faq`), checked by the same contracts when a kit is applied.
 */
type Named = { th: string; en: string };
interface KitContents {
  caseTypes: { key: string; examples: string[]; name: Named; category?: string; defaultSeverity?: string; firstResponseMinutes: number; resolutionMinutes: number; requiresOrderId?: boolean; requiresProvider?: boolean; keywords?: string[] }[];
  services: { key: string; name: Named; examples?: string[]; durationMinutes?: number; capacity?: number; price?: number; keywords?: string[]; formFields?: { field: BookingFormFieldName; required?: boolean }[] }[];
  providers: { key: string; name: string; kind?: 'api' | 'manual'; caseTypeKeys?: string[]; defaultSlaMinutes?: number }[];
  faq: { key: string; question: Named; answer: Named; keywords?: string[] }[];
  /** Stages added to the built-in booking pipeline, each after a built-in one. */
  extraStages: { key: string; label: Named; after: string; moves: string[] }[];
  /** Starting texts in this business's words, where the product's speak of what it does not do (texts no one edited). */
  texts?: KindOfBusinessText[];
}

export const KITS: Record<StarterKit, KitContents> = {
  // Seeds 002 and 003: trips asked for on the web and in chat, quoted, deposits, guides and suppliers.
  tour_operator: {
    caseTypes: [
      { key: 'trip_change', examples: ['ขอเปลี่ยนวันเดินทางได้ไหมคะ', 'Can we move our trip to next week?'], name: { th: 'ขอเปลี่ยนแปลงทริป', en: 'Trip change request' }, category: 'order', firstResponseMinutes: 60, resolutionMinutes: 24 * 60, keywords: ['เปลี่ยนวัน', 'change date'] },
      { key: 'supplier_problem', examples: ['โรงแรมบอกว่าไม่มีชื่อเราในการจอง', 'The driver never showed up at the hotel', 'The hotel has no reservation for us'], name: { th: 'ปัญหาจากซัพพลายเออร์', en: 'Supplier problem' }, category: 'provider', defaultSeverity: 'high', firstResponseMinutes: 30, resolutionMinutes: 8 * 60, requiresProvider: true },
      { key: 'refund_request', examples: ['ขอยกเลิกทริปและขอเงินคืนค่ะ', 'I would like a refund for my cancelled tour'], name: { th: 'ขอคืนเงิน', en: 'Refund request' }, category: 'payment', firstResponseMinutes: 60, resolutionMinutes: 3 * 24 * 60, keywords: ['คืนเงิน', 'refund'] },
      // How the trip itself went (a rude guide, a dirty van): before, the customer tapped "talk to a person".
      { key: 'service_complaint', examples: ['ไกด์พูดจาไม่สุภาพกับลูกทัวร์ค่ะ', 'รถตู้สกปรกมาก แอร์ก็ไม่เย็น', 'Our guide was rude and rushed us all day', 'The van was dirty and the air conditioning did not work'], name: { th: 'ร้องเรียนการบริการ', en: 'Service complaint' }, category: 'other', firstResponseMinutes: 60, resolutionMinutes: 24 * 60, keywords: ['ร้องเรียน', 'ไม่สุภาพ', 'complaint', 'rude'] },
    ],
    services: [
      // Words of one day or of several: "ทริป" alone (any trip) named the day trip, and "ทริปเชียงใหม่ 3 วัน
      // 2 คืน ราคาเท่าไหร่" was answered with the day trip's price.
      { key: 'private_day_trip', name: { th: 'ทริปส่วนตัว 1 วัน', en: 'Private day trip' }, examples: ['อยากได้ทริปส่วนตัวไปอยุธยา 1 วันค่ะ', 'Can you take us on a private day trip to Ayutthaya?'], durationMinutes: 8 * 60, capacity: 8, price: 3500, keywords: ['day trip', 'one-day trip', 'ทริปวันเดียว', 'ทริป 1 วัน', 'เที่ยววันเดียว'] },
      // Days and nights are a trip of several days: "ขอใบเสนอราคาทริปเชียงราย 3 วัน 2 คืน 4 คน" (r112) named no service
      // ("ทริป" is the day trip's only with "วันเดียว"), and was offered the day trip.
      { key: 'multi_day_tour', name: { th: 'ทัวร์หลายวัน', en: 'Multi-day tour' }, examples: ['อยากจองทัวร์ค้างคืนให้ครอบครัวค่ะ', 'We would like a tour of several days in the north'], durationMinutes: 3 * 24 * 60, capacity: 12, keywords: ['tour', 'ทัวร์', 'multi-day', 'หลายวัน', 'ค้างคืน', 'วัน 1 คืน', 'วัน 2 คืน', 'วัน 3 คืน', 'วัน 4 คืน', 'วัน 5 คืน', 'nights'] },
      // Where to or from is the transfer's own detail, asked in chat as on the form; without it the
      // car was booked with no hotel and the customer's "to my hotel on Sukhumvit 11" went unread.
      {
        key: 'airport_transfer',
        name: { th: 'รถรับส่งสนามบิน', en: 'Airport transfer' },
        examples: ['ขอรถรับจากสนามบินไปโรงแรมค่ะ', 'I need a car from the airport to my hotel'],
        durationMinutes: 90,
        capacity: 4,
        price: 1200,
        // The airports by name and "pick us up", as the demo's transfer has them: "we land at Don Mueang
        // tomorrow at 10pm, can someone pick us up?" was asked to say more (r54).
        keywords: ['รถรับส่ง', 'สนามบิน', 'สุวรรณภูมิ', 'ดอนเมือง', 'รับที่สนามบิน', 'airport', 'transfer', 'pickup', 'pick up', 'suvarnabhumi', 'don mueang'],
        formFields: [
          { field: 'start_date', required: true },
          { field: 'time', required: true },
          { field: 'destination', required: true },
          { field: 'travelers', required: false },
        ],
      },
    ],
    providers: [
      { key: 'hotel_partner', name: 'Hotel partner', caseTypeKeys: ['supplier_problem'], defaultSlaMinutes: 240 },
      { key: 'transport_partner', name: 'Transport partner', caseTypeKeys: ['supplier_problem'], defaultSlaMinutes: 120 },
    ],
    faq: [
      {
        key: 'how_quotes_work',
        question: { th: 'ขอใบเสนอราคาได้อย่างไร', en: 'How do I get a quote?' },
        answer: { th: 'บอกปลายทาง วันเดินทาง และจำนวนผู้เดินทาง เราจะส่งใบเสนอราคาให้ทางแชทภายใน 1 วันทำการ', en: 'Tell us where, when and how many are travelling; we send a quote here in chat within one working day.' },
        keywords: ['quote', 'ใบเสนอราคา'],
      },
    ],
    extraStages: [{ key: 'deposit_paid', label: { th: 'ชำระมัดจำแล้ว', en: 'Deposit paid' }, after: 'confirmed', moves: ['completed', 'cancelled'] }],
  },
  // Seed 001: a cooking school's classes and course packages, members with course credits.
  school: {
    caseTypes: [
      { key: 'class_reschedule', examples: ['ขอเลื่อนคลาสวันเสาร์ได้ไหมคะ', 'Can I move my class to another day?'], name: { th: 'ขอเลื่อนคลาส', en: 'Class reschedule' }, category: 'order', firstResponseMinutes: 60, resolutionMinutes: 24 * 60, keywords: ['เลื่อนคลาส', 'reschedule'] },
      { key: 'package_credit_missing', examples: ['ซื้อแพ็กเกจแล้วแต่เครดิตไม่ขึ้น', 'โอนค่าแพ็กเกจแล้ว เครดิตยังไม่เข้าค่ะ', 'I bought a package but my credits are not there'], name: { th: 'เครดิตแพ็กเกจไม่เข้า', en: 'Package credit missing' }, category: 'payment', defaultSeverity: 'high', firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
      { key: 'service_complaint', examples: ['ครูสอนไม่ครบเวลา แล้วพูดจาไม่สุภาพกับนักเรียนค่ะ', 'The teacher was rude and cut the class short'], name: { th: 'ร้องเรียนการบริการ', en: 'Service complaint' }, category: 'other', firstResponseMinutes: 60, resolutionMinutes: 24 * 60, keywords: ['ร้องเรียน', 'ไม่สุภาพ', 'complaint', 'rude'] },
    ],
    services: [
      { key: 'thai_cooking_class', name: { th: 'คลาสทำอาหารไทย', en: 'Thai cooking class' }, examples: ['อยากจองคลาสทำอาหารไทยวันเสาร์ค่ะ', 'Can I join the Thai cooking class on Saturday?'], durationMinutes: 180, capacity: 12, price: 1800, keywords: ['cooking class', 'คลาสทำอาหาร'] },
      // Bought, not scheduled: its form (and the chat) asks no day, time or people.
      { key: 'package_5_classes', name: { th: 'แพ็กเกจ 5 คลาส', en: '5-class package' }, examples: ['อยากซื้อแพ็กเกจ 5 คลาสค่ะ', 'I would like to buy the 5-class package'], price: 8000, keywords: ['package', 'แพ็กเกจ'], formFields: [] },
      { key: 'private_lesson', name: { th: 'เรียนตัวต่อตัว', en: 'Private lesson' }, examples: ['อยากเรียนตัวต่อตัวกับครูค่ะ', 'Can I book a private lesson with a teacher?'], durationMinutes: 120, capacity: 2, price: 3500 },
    ],
    providers: [],
    faq: [
      {
        key: 'package_credits',
        question: { th: 'แพ็กเกจใช้ได้นานเท่าไร', en: 'How long is a package valid?' },
        answer: { th: 'เครดิตในแพ็กเกจใช้ได้ 6 เดือนนับจากวันซื้อ', en: 'Package credits can be used for 6 months from the day you buy them.' },
        // "how long can I use the 5-class package?" (r60) read as buying the package, and went to a person.
        // Not "expire": "my credits expire next week, can I extend them?" (r30) is a person's to answer.
        keywords: ['valid', 'how long can I use', 'ใช้ได้นาน', 'ใช้ได้กี่เดือน'],
      },
    ],
    extraStages: [],
  },
  // Seed 000: a concierge membership (B2B2C): members book through concierges, partners deliver.
  concierge: {
    caseTypes: [
      { key: 'membership_question', examples: ['สมาชิกได้สิทธิ์อะไรบ้างคะ', 'What does my membership include?'], name: { th: 'สอบถามสมาชิก', en: 'Membership question' }, category: 'other', firstResponseMinutes: 30, resolutionMinutes: 8 * 60, keywords: ['สมาชิก', 'membership'] },
      { key: 'partner_booking_issue', examples: ['จองสนามกอล์ฟผ่านพาร์ทเนอร์แล้วเขาไม่มีชื่อ', 'The spa says they have no booking for me'], name: { th: 'ปัญหาการจองกับพาร์ทเนอร์', en: 'Partner booking issue' }, category: 'provider', defaultSeverity: 'high', firstResponseMinutes: 15, resolutionMinutes: 4 * 60, requiresProvider: true },
    ],
    services: [
      // What members ask the concierge to book at its partners (seed 000): a table, a spa, a round of
      // golf; and a car to or from the airport, or with a driver for the day ("need a private driver for
      // tomorrow 9am to 6pm, 3 people", r162: asked "a booking or a problem?").
      {
        key: 'concierge_booking',
        name: { th: 'จองผ่านคอนเซียร์จ', en: 'Concierge booking' },
        examples: ['ช่วยจองโต๊ะร้านอาหารคืนนี้ให้หน่อยค่ะ', 'Could you arrange a spa for us tomorrow?'],
        keywords: ['concierge', 'คอนเซียร์จ', 'จองโต๊ะ', 'ร้านอาหาร', 'table for', 'restaurant', 'dinner', 'จองสปา', 'สปา', 'spa', 'กอล์ฟ', 'golf', 'tee time', 'airport', 'pickup', 'limousine', 'สนามบิน', 'tickets', 'ticket', 'ตั๋ว', 'concert', 'คอนเสิร์ต', 'muay thai', 'มวยไทย', 'arrange', 'จัดหา', 'yacht', 'เรือยอทช์', 'boat trip', 'car with driver', 'รถพร้อมคนขับ', 'private driver', 'chauffeur', 'คนขับรถส่วนตัว'],
      },
      { key: 'partner_course', name: { th: 'คอร์สจากพาร์ทเนอร์', en: 'Partner course' }, examples: ['อยากลงคอร์สของพาร์ทเนอร์ค่ะ', 'Can I sign up for a partner course?'], durationMinutes: 60, capacity: 10 },
    ],
    providers: [
      { key: 'partner_golf', name: 'Golf partner', caseTypeKeys: ['partner_booking_issue'], defaultSlaMinutes: 120 },
      { key: 'partner_spa', name: 'Spa partner', caseTypeKeys: ['partner_booking_issue'], defaultSlaMinutes: 120 },
    ],
    faq: [
      {
        key: 'member_card',
        question: { th: 'ดูบัตรสมาชิกได้ที่ไหน', en: 'Where is my member card?' },
        answer: { th: 'เปิดเมนูบัตรสมาชิกในแชท LINE นี้', en: 'Open the member card from the menu of this LINE chat.' },
      },
    ],
    extraStages: [],
  },
  // Seed 004: an online order desk: case types with SLAs (top-up not credited: 15 minutes), providers.
  order_desk: {
    caseTypes: [
      { key: 'topup_not_credited', examples: ['เติมเงินแล้วเครดิตไม่เข้า', 'โอนเงินแล้วยอดไม่เข้าค่ะ', 'I topped up but my credit did not arrive'], name: { th: 'เติมเงินไม่เข้า', en: 'Top-up not credited' }, category: 'payment', defaultSeverity: 'critical', firstResponseMinutes: 15, resolutionMinutes: 60, requiresOrderId: true, keywords: ['เติมเงิน', 'เติมเกม', 'เติมเพชร', 'top up'] },
      { key: 'order_not_delivered', examples: ['สั่งไปแล้วยอดไม่ขึ้นเลย', 'My order has not been delivered yet'], name: { th: 'ยอดไม่ขึ้น', en: 'Order not delivered' }, category: 'order', defaultSeverity: 'high', firstResponseMinutes: 30, resolutionMinutes: 2 * 60, requiresOrderId: true, requiresProvider: true, keywords: ['ยังไม่ได้ของ', 'ของยังไม่มา', 'ยังไม่ได้รับของ', 'ไม่ได้รับสินค้า'] },
      { key: 'system_error', examples: ['เข้าเว็บไม่ได้ ขึ้น error', 'The website shows an error when I log in'], name: { th: 'ระบบขัดข้อง', en: 'System error' }, category: 'system', firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    ],
    services: [],
    providers: [
      { key: 'provider_api', name: 'API provider', kind: 'api', caseTypeKeys: ['order_not_delivered'], defaultSlaMinutes: 60 },
      { key: 'provider_manual', name: 'Manual provider', kind: 'manual', caseTypeKeys: ['order_not_delivered'], defaultSlaMinutes: 240 },
    ],
    faq: [
      {
        key: 'topup_time',
        question: { th: 'เติมเงินแล้วเข้ากี่นาที', en: 'How long does a top-up take?' },
        answer: { th: 'โดยปกติไม่เกิน 5 นาที หากเกินกว่านั้นแจ้งเลขออเดอร์ได้เลย', en: 'Usually under 5 minutes; if longer, send us your order number.' },
      },
    ],
    extraStages: [],
    // Nothing to book here: the welcome and the "tell us more" offer what an order desk does.
    texts: [
      {
        key: 'greeting_follow',
        th: 'สวัสดีค่ะ ยินดีต้อนรับนะคะ 👋\nแจ้งปัญหาเรื่องคำสั่งซื้อหรือการเติมเงิน หรือสอบถามได้ในแชทนี้เลย พิมพ์ภาษาไทยหรือภาษาอังกฤษก็ได้ค่ะ\nวันนี้ให้เราช่วยอะไรดีคะ?',
        en: 'Hello and welcome! 👋\nYou can report a problem with an order or a top-up, or ask us anything, right here in this chat, in Thai or English.\nHow can we help you today?',
      },
      {
        key: 'clarify_intent',
        th: 'ขอบคุณที่ติดต่อมาค่ะ 😊 รบกวนขอรายละเอียดเพิ่มอีกนิดนะคะ พบปัญหาเกี่ยวกับคำสั่งซื้อ/การชำระเงิน หรือต้องการสอบถามคะ?',
        en: 'Thanks for your message 😊 Could you tell us a bit more? Is there a problem with an order or payment, or do you have a question?',
      },
    ],
  },
};
