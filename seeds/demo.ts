import type { Knex } from 'knex';
import type { CaseTypeEscalation, CaseTypeNotify, LocalizedExamples } from '../core/understanding/taxonomy-admin.ts';
import type { CaseCategory, Language, ProviderKind, Severity, StaffRole } from '../core/vocabulary.ts';

/**
 * Demo data for a fresh org: staff of every role, providers, case types, bookable services and a
 * template in Thai and English for every customer-facing message. The data is kept as plain
 * objects so that it reads like a catalogue; `loadDemoSeed` turns it into rows.
 */

export interface DemoStaff {
  displayName: string;
  role: StaffRole;
  language: Language;
}

export const demoStaff: DemoStaff[] = [
  { displayName: 'สมหญิง ใจดี', role: 'support', language: 'th' },
  { displayName: 'ณัฐพล ศรีสุข', role: 'support', language: 'th' },
  { displayName: 'วิภาวรรณ รัตนชัย', role: 'manager', language: 'th' },
  { displayName: 'ธนากร วงศ์ไทย', role: 'admin', language: 'th' },
  { displayName: 'ปรียา ทองคำ', role: 'ceo', language: 'th' },
  { displayName: 'อรุณี บัญชีดี', role: 'accountant', language: 'th' },
];

export interface DemoProvider {
  key: string;
  name: string;
  kind: ProviderKind;
  contact: Record<string, string>;
  notes: string;
}

export const demoProviders: DemoProvider[] = [
  {
    key: 'paygate',
    name: 'PayGate',
    kind: 'api',
    contact: { email: 'merchant-support@paygate.example', url: 'https://status.paygate.example' },
    notes: 'Card and PromptPay QR payment gateway for top-ups and orders.',
  },
  {
    key: 'truemoney_wallet',
    name: 'TrueMoney Wallet',
    kind: 'api',
    contact: { email: 'partners@truemoney.example' },
    notes: 'E-wallet top-ups.',
  },
  {
    key: 'bank_transfer',
    name: 'Bank transfer (PromptPay)',
    kind: 'manual',
    contact: { phone: '+66 2 000 0000' },
    notes: 'Manual transfers checked against the bank statement.',
  },
  {
    key: 'flash_express',
    name: 'Flash Express',
    kind: 'manual',
    contact: { line: '@flash.example', phone: '+66 2 000 0001' },
    notes: 'Courier for parcels within Thailand.',
  },
  {
    key: 'kerry_express',
    name: 'Kerry Express',
    kind: 'manual',
    contact: { email: 'b2b@kerry.example', phone: '+66 2 000 0002' },
    notes: 'Courier for parcels within Thailand.',
  },
];

export interface DemoCaseType {
  key: string;
  nameTh: string;
  nameEn: string;
  category: CaseCategory;
  defaultSeverity: Severity;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  requiresProvider: boolean;
  requiresOrderId: boolean;
  notify: CaseTypeNotify;
  escalation: CaseTypeEscalation;
  warnAtRatio: number;
  keywords: string[];
  examples: LocalizedExamples;
  description: string;
  sop: string;
}

const notifyAll: CaseTypeNotify = { created: true, workStarted: true, waitingCustomer: true, resolved: true };

export const demoCaseTypes: DemoCaseType[] = [
  {
    key: 'topup_not_credited',
    nameTh: 'เติมเงินแล้วเครดิตไม่เข้า',
    nameEn: 'Top-up not credited',
    category: 'payment',
    defaultSeverity: 'critical',
    firstResponseMinutes: 15,
    resolutionMinutes: 60,
    requiresProvider: false,
    requiresOrderId: true,
    notify: notifyAll,
    escalation: { notifyManagers: true, raiseSeverity: false, reassignTo: null },
    // Fifteen minutes leave little room: warn at half time.
    warnAtRatio: 0.5,
    keywords: ['เติมเงิน', 'เครดิตไม่เข้า', 'เงินไม่เข้า', 'ยอดไม่เข้า', 'ยอดไม่ขึ้น', 'โอนแล้ว', 'top up', 'top-up', 'topup', 'not credited', 'balance not updated', 'credit missing'],
    examples: {
      th: [
        'เติมเงินไป 500 บาทแล้ว แต่เครดิตยังไม่เข้าค่ะ',
        'โอนเงินเติมเครดิตไปตั้งแต่ชั่วโมงก่อน ยอดยังไม่ขึ้นเลยครับ',
        'เติมผ่าน TrueMoney เงินถูกตัดแล้ว แต่ยอดในบัญชีไม่เพิ่มค่ะ',
        'ชำระเงินสำเร็จแล้ว แต่ยอดเงินในระบบยังเป็น 0 ครับ',
      ],
      en: [
        'I topped up 500 baht but my credit has not arrived',
        'I paid for a top-up an hour ago and my balance still has not changed',
        'Money was taken from my TrueMoney wallet but the top-up is not showing',
        'The payment went through but my account balance is still zero',
      ],
    },
    description: 'The customer paid for a top-up and the credit did not reach their account. Money is involved and the customer is blocked: highest urgency.',
    sop: [
      '1. ขอหลักฐาน: สลิป/เลขอ้างอิงการชำระเงิน ยอดเงิน และเวลาที่ชำระ',
      '2. ตรวจสอบรายการใน PayGate / TrueMoney ว่าสถานะสำเร็จหรือค้าง',
      '3. ถ้าชำระสำเร็จแต่เครดิตไม่เข้า: เติมเครดิตให้ลูกค้าด้วยมือ แล้วแนบเลขอ้างอิงใน Timeline',
      '4. ถ้ารายการค้างที่ผู้ให้บริการ: เปลี่ยนสถานะเป็น "รอผู้ให้บริการ" และแจ้งผู้ให้บริการทันที',
      '5. แจ้งลูกค้าเมื่อเครดิตเข้าแล้ว และปิดเคสพร้อมระบุ Root Cause',
    ].join('\n'),
  },
  {
    key: 'order_not_delivered',
    nameTh: 'ยังไม่ได้รับคำสั่งซื้อ',
    nameEn: 'Order not delivered',
    category: 'order',
    defaultSeverity: 'high',
    firstResponseMinutes: 30,
    resolutionMinutes: 1440,
    requiresProvider: true,
    requiresOrderId: true,
    notify: notifyAll,
    escalation: { notifyManagers: true, raiseSeverity: true, reassignTo: null },
    warnAtRatio: 0.75,
    keywords: ['ยังไม่ได้รับ', 'ไม่ได้รับของ', 'ของไม่มา', 'พัสดุ', 'เลขพัสดุ', 'จัดส่ง', 'ส่งช้า', 'not delivered', 'not received', 'where is my order', 'parcel', 'tracking number', 'delivery'],
    examples: {
      th: [
        'สั่งของไปตั้งแต่วันจันทร์ ยังไม่ได้รับเลยค่ะ ออเดอร์ A10293',
        'ออเดอร์ 55821 ขึ้นว่าจัดส่งแล้ว แต่ยังไม่ได้รับของครับ',
        'เลขพัสดุไม่ขยับมา 3 วันแล้ว ของหายหรือเปล่าคะ',
      ],
      en: [
        'My order A10293 still has not arrived',
        'Order 55821 says delivered but I never received it',
        'The tracking for my parcel has not moved for three days',
      ],
    },
    description: 'An order was paid for but the customer has not received it (goods or a service).',
    sop: [
      '1. ขอเลขคำสั่งซื้อ และตรวจสอบสถานะในระบบหลัก',
      '2. ตรวจสอบเลขพัสดุกับบริษัทขนส่ง (Flash Express / Kerry Express)',
      '3. ถ้าพัสดุค้างหรือสูญหาย: เปลี่ยนสถานะเป็น "รอผู้ให้บริการ" และเปิดเรื่องกับขนส่ง',
      '4. แจ้งลูกค้าถึงกำหนดส่งใหม่ หรือเสนอส่งใหม่/คืนเงินถ้าสูญหาย',
    ].join('\n'),
  },
  {
    key: 'refund_request',
    nameTh: 'ขอคืนเงิน',
    nameEn: 'Refund request',
    category: 'payment',
    defaultSeverity: 'normal',
    firstResponseMinutes: 120,
    resolutionMinutes: 2880,
    requiresProvider: false,
    requiresOrderId: true,
    notify: notifyAll,
    escalation: { notifyManagers: true, raiseSeverity: true, reassignTo: null },
    warnAtRatio: 0.75,
    keywords: ['คืนเงิน', 'ขอเงินคืน', 'รีฟันด์', 'ยกเลิกออเดอร์', 'ยกเลิกคำสั่งซื้อ', 'refund', 'money back', 'cancel my order', 'reimburse'],
    examples: {
      th: [
        'ขอคืนเงินออเดอร์ A20011 ได้ไหมคะ',
        'ยกเลิกคำสั่งซื้อไปแล้ว อยากได้เงินคืนครับ',
        'บริการไม่ตรงตามที่ตกลงไว้ ขอรีฟันด์ด้วยค่ะ',
      ],
      en: [
        'Can I get a refund for order A20011?',
        'I cancelled my order, please give me my money back',
        'The service was not what I paid for, I would like a refund',
      ],
    },
    description: 'The customer asks for their money back. Refunds are executed in the main system; the case tracks the request and its outcome.',
    sop: [
      '1. ตรวจสอบเงื่อนไขการคืนเงินของคำสั่งซื้อ (สถานะ, ระยะเวลา)',
      '2. ถ้าเข้าเงื่อนไข: สร้างคำขอคืนเงินในระบบหลัก และแนบเลขอ้างอิงใน Timeline',
      '3. ถ้าไม่เข้าเงื่อนไข: อธิบายเหตุผลให้ลูกค้าอย่างสุภาพ และเสนอทางเลือกอื่น',
      '4. แจ้งลูกค้าเมื่อคืนเงินสำเร็จ (ระยะเวลาเงินเข้าตามธนาคาร)',
    ].join('\n'),
  },
  {
    key: 'wrong_amount',
    nameTh: 'ยอดเงินไม่ถูกต้อง',
    nameEn: 'Wrong amount charged',
    category: 'payment',
    defaultSeverity: 'high',
    firstResponseMinutes: 30,
    resolutionMinutes: 240,
    requiresProvider: false,
    requiresOrderId: true,
    notify: notifyAll,
    escalation: { notifyManagers: true, raiseSeverity: true, reassignTo: null },
    warnAtRatio: 0.75,
    keywords: ['ยอดไม่ตรง', 'ตัดเงินเกิน', 'ตัดเงินซ้ำ', 'ตัดเงินสองครั้ง', 'ราคาผิด', 'เก็บเงินผิด', 'wrong amount', 'overcharged', 'charged twice', 'double charge', 'incorrect amount'],
    examples: {
      th: [
        'โดนตัดเงินสองครั้งสำหรับออเดอร์เดียวค่ะ',
        'ราคาบนเว็บ 299 บาท แต่โดนตัดเงินไป 399 บาทครับ',
        'ยอดที่ชำระไม่ตรงกับใบเสร็จค่ะ',
      ],
      en: [
        'I was charged twice for the same order',
        'The website said 299 baht but I was charged 399',
        'The amount I paid does not match my receipt',
      ],
    },
    description: 'The customer was charged more (or more often) than they should have been.',
    sop: [
      '1. ขอเลขคำสั่งซื้อและสลิป/รายการเดินบัญชีที่แสดงยอดที่ถูกตัด',
      '2. เทียบยอดกับรายการใน PayGate และระบบหลัก',
      '3. ถ้าตัดเงินเกินหรือซ้ำ: คืนส่วนต่างผ่านระบบหลัก และแจ้งลูกค้าพร้อมยอดที่คืน',
      '4. ถ้าพบว่าเป็นปัญหาของระบบ: ระบุ Root Cause เป็น system_bug หรือ payment_gateway',
    ].join('\n'),
  },
  {
    key: 'account_access',
    nameTh: 'เข้าสู่ระบบไม่ได้',
    nameEn: 'Cannot access account',
    category: 'system',
    defaultSeverity: 'normal',
    firstResponseMinutes: 60,
    resolutionMinutes: 480,
    requiresProvider: false,
    requiresOrderId: false,
    notify: notifyAll,
    escalation: { notifyManagers: false, raiseSeverity: true, reassignTo: null },
    warnAtRatio: 0.75,
    keywords: ['เข้าระบบไม่ได้', 'ล็อกอินไม่ได้', 'ลืมรหัสผ่าน', 'บัญชีถูกล็อก', 'ไม่ได้รับ OTP', 'login', 'log in', 'password', 'locked out', 'account locked', 'otp'],
    examples: {
      th: [
        'ล็อกอินเข้าบัญชีไม่ได้ค่ะ ขึ้นว่ารหัสผ่านไม่ถูกต้อง',
        'ไม่ได้รับ OTP เลยเข้าระบบไม่ได้ครับ',
        'บัญชีโดนล็อก ต้องทำยังไงคะ',
      ],
      en: [
        'I cannot log in to my account, it says my password is wrong',
        'I never receive the OTP so I cannot sign in',
        'My account has been locked, what should I do?',
      ],
    },
    description: 'The customer cannot sign in: password, OTP or a locked account.',
    sop: [
      '1. ยืนยันตัวตนลูกค้า (อีเมล/เบอร์โทรที่ลงทะเบียน) ก่อนให้ข้อมูลใด ๆ',
      '2. ตรวจสอบสถานะบัญชีในระบบหลัก (ถูกล็อก, OTP ส่งไม่ถึง)',
      '3. ส่งลิงก์ตั้งรหัสผ่านใหม่ หรือปลดล็อกบัญชีตามสิทธิ์',
      '4. ห้ามขอรหัสผ่านหรือ OTP จากลูกค้าในแชทเด็ดขาด',
    ].join('\n'),
  },
  {
    // How a service itself went (the spa, a class, a tour): "the therapist was rude", "the room was
    // dirty". Without it the customer was offered the top-up types and tapped "talk to a person".
    key: 'service_complaint',
    nameTh: 'ร้องเรียนการบริการ',
    nameEn: 'Service complaint',
    category: 'other',
    defaultSeverity: 'normal',
    firstResponseMinutes: 60,
    resolutionMinutes: 1440,
    requiresProvider: false,
    requiresOrderId: false,
    notify: notifyAll,
    escalation: { notifyManagers: true, raiseSeverity: false, reassignTo: null },
    warnAtRatio: 0.75,
    keywords: ['ร้องเรียน', 'ไม่สุภาพ', 'พูดจาไม่ดี', 'สกปรก', 'บริการแย่', 'ไม่ประทับใจ', 'complaint', 'rude', 'dirty', 'unprofessional', 'bad service'],
    examples: {
      th: [
        'หมอนวดพูดจาไม่สุภาพ ไม่ประทับใจเลยค่ะ',
        'ห้องนวดสกปรก ผ้าเช็ดตัวมีกลิ่นเหม็นค่ะ',
        'ครูสอนทำอาหารมาสายแล้วสอนไม่ครบเวลาครับ',
        'ไกด์ทัวร์พูดจาไม่ดีกับลูกค้า อยากร้องเรียนค่ะ',
      ],
      en: [
        'The therapist was rude to me during the massage',
        'The massage room was dirty and the towels smelled bad',
        'The cooking teacher arrived late and cut the class short',
        'Our tour guide was unprofessional and rushed us all day',
      ],
    },
    description: 'The customer is unhappy with how a service went: a rude therapist, guide or teacher, a dirty room, a class cut short.',
    sop: [
      '1. ขอโทษลูกค้าและถามรายละเอียด: วัน เวลา บริการ และชื่อพนักงาน (ถ้าทราบ)',
      '2. สอบถามพนักงานหรือหัวหน้างานที่เกี่ยวข้อง และบันทึกข้อเท็จจริงใน Timeline',
      '3. เสนอทางแก้ที่เหมาะสม (นัดใหม่ คูปอง หรือคืนเงินบางส่วน) ตามที่ผู้จัดการอนุมัติ',
      '4. แจ้งลูกค้าผลการดำเนินการ และปิดเคสพร้อมระบุ Root Cause',
    ].join('\n'),
  },
];

export interface DemoService {
  key: string;
  nameTh: string;
  nameEn: string;
  description: string;
  durationMinutes: number;
  capacity: number | null;
  price: string;
  keywords: string[];
  examples: LocalizedExamples;
  /** What the booking form asks (core/contracts/booking-form.ts); absent: derived from the service. */
  formFields?: { field: string; required: boolean }[];
  /** Opening hours; absent: the org's business hours. */
  hours?: Record<string, [string, string][]>;
}

const everyDay = (from: string, to: string) => Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [[from, to]]])) as Record<string, [string, string][]>;

/** The demo business's opening hours, as its FAQ answer (`opening_hours`) tells customers: every day 09:00-18:00. */
export const DEMO_BUSINESS_HOURS = everyDay('09:00', '18:00');

export const demoServices: DemoService[] = [
  {
    key: 'sushi_class',
    nameTh: 'คลาสทำซูชิ',
    nameEn: 'Sushi cooking class',
    description: 'Hands-on class: rice, nigiri and maki with a Japanese chef. Ingredients included.',
    durationMinutes: 180,
    capacity: 12,
    price: '2500.00',
    keywords: ['ซูชิ', 'คลาสซูชิ', 'ทำซูชิ', 'อาหารญี่ปุ่น', 'sushi', 'sushi class', 'japanese cooking'],
    examples: {
      th: ['อยากจองคลาสทำซูชิวันเสาร์นี้ 2 คนค่ะ', 'คลาสซูชิรอบบ่ายว่างไหมครับ', 'ขอจองเรียนทำซูชิ 15 มี.ค. 4 ท่านค่ะ'],
      en: ['I would like to book the sushi class this Saturday for 2 people', 'Is there space in the afternoon sushi class?', 'Book a sushi making class on 15 March for four, please'],
    },
  },
  {
    key: 'thai_cooking_class',
    nameTh: 'คลาสทำอาหารไทย',
    nameEn: 'Thai cooking class',
    description: 'Market visit and four classic dishes: tom yum, green curry, pad thai, mango sticky rice.',
    durationMinutes: 240,
    capacity: 10,
    price: '1800.00',
    keywords: ['อาหารไทย', 'คลาสทำอาหาร', 'ต้มยำ', 'แกงเขียวหวาน', 'ผัดไทย', 'thai cooking', 'cooking class', 'pad thai', 'green curry'],
    examples: {
      th: ['มีคลาสทำอาหารไทยพรุ่งนี้เช้าไหมคะ', 'อยากเรียนทำต้มยำกุ้งกับผัดไทย จอง 3 คนครับ', 'จองคลาสอาหารไทยวันที่ 20 ให้ 2 ท่านค่ะ'],
      en: ['Do you have a Thai cooking class tomorrow morning?', 'We want to learn pad thai and green curry, 3 people', 'Please book the Thai cooking class on the 20th for two'],
    },
  },
  {
    key: 'bangkok_city_tour',
    nameTh: 'ทัวร์เที่ยวกรุงเทพฯ',
    nameEn: 'Bangkok city tour',
    description: 'Full-day guided tour: Grand Palace, Wat Pho, Wat Arun and a long-tail boat on the canals.',
    durationMinutes: 480,
    capacity: 15,
    price: '2200.00',
    keywords: ['ทัวร์', 'เที่ยวกรุงเทพ', 'วัดพระแก้ว', 'วัดโพธิ์', 'วัดอรุณ', 'ไกด์', 'city tour', 'bangkok tour', 'grand palace', 'temple tour', 'guide'],
    examples: {
      th: ['อยากจองทัวร์เที่ยววัดในกรุงเทพฯ วันอาทิตย์ 5 คนค่ะ', 'ทัวร์วัดพระแก้วมีไกด์ภาษาอังกฤษไหมครับ', 'ขอจองทัวร์กรุงเทพฯ เต็มวันให้ครอบครัว 4 คนค่ะ'],
      en: ['I want to book the Bangkok temple tour on Sunday for 5 people', 'Does the Grand Palace tour have an English-speaking guide?', 'Full-day city tour for a family of four, please'],
    },
  },
  {
    key: 'airport_transfer',
    nameTh: 'รถรับส่งสนามบิน',
    nameEn: 'Airport transfer',
    description: 'Private car between Suvarnabhumi or Don Mueang and your hotel, up to 4 passengers with luggage.',
    durationMinutes: 90,
    capacity: 4,
    price: '1200.00',
    // The form asks when, and where to or from; early flights and late arrivals, every day.
    formFields: [
      { field: 'start_date', required: true },
      { field: 'time', required: true },
      { field: 'destination', required: true },
      { field: 'travelers', required: false },
    ],
    hours: everyDay('04:00', '24:00'),
    keywords: ['รถรับส่ง', 'สนามบิน', 'สุวรรณภูมิ', 'ดอนเมือง', 'รับที่สนามบิน', 'airport', 'transfer', 'pickup', 'pick up', 'suvarnabhumi', 'don mueang'],
    examples: {
      th: ['ขอจองรถรับจากสุวรรณภูมิไปโรงแรม วันที่ 3 เวลา 22:00 ค่ะ', 'ต้องการรถไปสนามบินดอนเมืองพรุ่งนี้ตี 5 ครับ 2 คน', 'มีบริการรับส่งสนามบินไหมคะ'],
      en: ['I need a pickup from Suvarnabhumi to my hotel on the 3rd at 10 pm', 'Can you take two of us to Don Mueang tomorrow at 5 am?', 'Do you offer airport transfers?'],
    },
  },
  {
    key: 'spa_massage',
    nameTh: 'สปาและนวดแผนไทย',
    nameEn: 'Spa & Thai massage',
    description: 'Two hours: herbal foot bath, traditional Thai massage and aromatherapy.',
    durationMinutes: 120,
    capacity: 6,
    price: '1500.00',
    hours: everyDay('10:00', '21:00'),
    keywords: ['สปา', 'นวด', 'นวดแผนไทย', 'นวดน้ำมัน', 'อโรมา', 'spa', 'massage', 'thai massage', 'aromatherapy'],
    examples: {
      th: ['อยากจองนวดแผนไทยเย็นนี้ 2 คนค่ะ', 'สปาวันศุกร์ 4 โมงเย็นว่างไหมครับ', 'จองนวดน้ำมันอโรมาให้ 1 ท่านพรุ่งนี้ค่ะ'],
      en: ['I would like to book a Thai massage for two this evening', 'Is the spa free on Friday at 4 pm?', 'One aromatherapy massage tomorrow, please'],
    },
  },
];

export interface DemoTemplate {
  key: string;
  description: string;
  th: string;
  en: string;
}

/**
 * Every customer-facing message the product sends. Variables: {{case_id}}, {{status}}, {{eta}}
 * (a time or a duration, already in the customer's language), {{order_id}}, {{amount}},
 * {{provider}}, {{elapsed_time}}, {{tracking_url}}; for bookings {{booking_id}}, {{service}},
 * {{date}}, {{time}}, {{party_size}}, {{missing}} (the missing details, as a phrase); for staff
 * {{name}}, {{role}}.
 */
export const demoTemplates: DemoTemplate[] = [
  {
    key: 'case_created',
    description: 'A case was opened from the customer\'s report.',
    th: 'ได้รับเรื่องของคุณแล้วค่ะ หมายเลขเคส {{case_id}}\nทีมงานกำลังตรวจสอบให้ เวลาที่คาดว่าจะแก้ไขเสร็จ: {{eta}}\nติดตามสถานะได้ที่ {{tracking_url}}',
    en: 'We have received your report. Your case number is {{case_id}}.\nOur team is looking into it. Expected resolution: {{eta}}\nTrack it here: {{tracking_url}}',
  },
  {
    key: 'case_work_started',
    description: 'Staff started working on the case.',
    th: '🔧 ทีมงานเริ่มดำเนินการแก้ไขเคส {{case_id}} ของคุณแล้วค่ะ\nสถานะ: {{status}}\nเวลาที่คาดว่าจะแก้ไขเสร็จ: {{eta}}\nติดตามสถานะได้ที่ {{tracking_url}}',
    en: '🔧 Our team has started working on your case {{case_id}}.\nStatus: {{status}}\nExpected resolution: {{eta}}\nTrack it here: {{tracking_url}}',
  },
  {
    key: 'case_waiting_customer',
    description: 'Staff need more information from the customer; the resolution clock is paused.',
    th: 'เพื่อดำเนินการเคส {{case_id}} ต่อ รบกวนคุณส่งข้อมูลเพิ่มเติมในแชทนี้ด้วยนะคะ เช่น หมายเลขคำสั่งซื้อ หรือสลิปการชำระเงิน ขอบคุณค่ะ 🙏',
    en: 'To continue with case {{case_id}}, we need a little more information from you. Please reply in this chat, for example with your order number or payment slip. Thank you! 🙏',
  },
  {
    key: 'case_waiting_provider',
    description: 'The case waits for a provider (payment gateway, courier...).',
    th: 'ขณะนี้เรากำลังรอการตรวจสอบจาก {{provider}} สำหรับเคส {{case_id}} ค่ะ เมื่อได้รับข้อมูลแล้วจะแจ้งให้ทราบทันทีนะคะ\nเวลาที่คาดว่าจะแก้ไขเสร็จ: {{eta}}',
    en: 'We are waiting for {{provider}} to check case {{case_id}}. We will update you as soon as we hear back.\nExpected resolution: {{eta}}',
  },
  {
    key: 'case_resolved',
    description: 'The case was resolved; the customer may still answer.',
    th: '✅ เคส {{case_id}} ได้รับการแก้ไขเรียบร้อยแล้วค่ะ\nหากยังพบปัญหาอยู่ ตอบกลับในแชทนี้ได้เลย เราจะตรวจสอบให้อีกครั้งค่ะ\nดูรายละเอียดได้ที่ {{tracking_url}}',
    en: '✅ Case {{case_id}} has been resolved.\nIf anything is still not right, just reply in this chat and we will look into it again.\nDetails: {{tracking_url}}',
  },
  {
    key: 'case_closed',
    description: 'The case was closed.',
    th: 'เคส {{case_id}} ปิดเรียบร้อยแล้วค่ะ ขอบคุณที่รอคอยและให้ข้อมูลกับเรานะคะ\nดูประวัติเคสได้ที่ {{tracking_url}}',
    en: 'Case {{case_id}} is now closed. Thank you for your patience and your help.\nYou can see its history here: {{tracking_url}}',
  },
  {
    key: 'case_reopened',
    description: 'A resolved case was reopened.',
    th: 'เราได้เปิดเคส {{case_id}} อีกครั้งแล้วค่ะ ทีมงานกำลังตรวจสอบให้ใหม่\nติดตามสถานะได้ที่ {{tracking_url}}',
    en: 'We have reopened case {{case_id}} and our team is looking into it again.\nTrack it here: {{tracking_url}}',
  },
  {
    key: 'sla_delay_apology',
    description: 'Sent when a case misses its SLA.',
    th: 'ขออภัยเป็นอย่างสูงค่ะ เคส {{case_id}} ใช้เวลานานกว่าที่ตั้งใจไว้ (ผ่านมาแล้ว {{elapsed_time}})\nขณะนี้หัวหน้าทีมเข้ามาดูแลเคสของคุณแล้ว เวลาที่คาดว่าจะแก้ไขเสร็จ: {{eta}}\nติดตามสถานะได้ที่ {{tracking_url}}',
    en: 'We are sorry that case {{case_id}} is taking longer than we intended ({{elapsed_time}} so far).\nA team lead is now looking after it. Expected resolution: {{eta}}\nTrack it here: {{tracking_url}}',
  },
  {
    key: 'booking_received',
    description: 'A complete booking request reached the team.',
    th: 'ขอบคุณค่ะ เราได้รับคำขอจอง {{booking_id}} แล้ว\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\n• จำนวน: {{party_size}} ท่าน\nทีมงานจะยืนยันการจองให้โดยเร็วที่สุดค่ะ',
    en: 'Thank you! We have received your booking request {{booking_id}}.\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Guests: {{party_size}}\nOur team will confirm it as soon as possible.',
  },
  {
    key: 'booking_received_web',
    description: "The answer to the website's booking form: the request is in, and what happens next.",
    th: 'ขอบคุณค่ะ คุณ{{name}} เราได้รับคำขอจอง {{booking_id}} ({{service}}) แล้ว\nทีมงานจะติดต่อกลับภายใน 1 วันทำการ ทางอีเมล โทรศัพท์ หรือ LINE ตามที่ให้ไว้ค่ะ',
    en: 'Thank you, {{name}}! We have received your booking request {{booking_id}} ({{service}}).\nOur team will contact you within one business day, by e-mail, phone or LINE as you gave them.',
  },
  {
    key: 'session_full',
    description: 'A booking for a session that has no seat left (or fewer than asked): the chat and the booking forms say so.',
    th: 'ขออภัยค่ะ รอบ {{date}} {{time}} ของ {{service}} เต็มแล้ว (เหลือ {{seats_left}} ที่) กรุณาเลือกรอบอื่นนะคะ',
    en: 'Sorry, the {{service}} session on {{date}} at {{time}} is full ({{seats_left}} seats left). Please choose another time.',
  },
  {
    key: 'waitlist_joined',
    description: 'A customer joined the waitlist of a full session: their place in line.',
    th: 'ลงชื่อรอคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ (คิวที่ {{position}}) หากมีที่ว่าง เราจะส่งข้อความถึงคุณทันที',
    en: "You're on the waitlist for {{service}} on {{date}} at {{time}} (number {{position}} in line). We'll message you as soon as a seat frees.",
  },
  {
    key: 'waitlist_offer',
    description: 'A seat freed on a session the customer waits for: it is held for them until the time given.',
    th: 'มีที่ว่างแล้วค่ะ! รอบ {{service}} วันที่ {{date}} เวลา {{time}} ({{seats}} ที่) เราเก็บที่ไว้ให้ถึง {{expires_at}} น. กรุณากดรับหรือปฏิเสธค่ะ',
    en: 'A seat is free! {{service}} on {{date}} at {{time}} ({{seats}} seats) is held for you until {{expires_at}}. Please accept or decline.',
  },
  {
    key: 'waitlist_offer_expired',
    description: 'The seat held for a customer on the waitlist was not taken in time: it went to the next in line.',
    th: 'ขออภัยค่ะ ที่นั่งรอบ {{service}} วันที่ {{date}} เวลา {{time}} ที่เก็บไว้ให้หมดเวลาแล้ว จึงยังไม่ได้จองให้ค่ะ',
    en: 'Sorry, the seat held for you on {{service}} on {{date}} at {{time}} was not taken in time, so nothing was booked.',
  },
  {
    key: 'waitlist_booked',
    description: 'A customer accepted the seat offered from the waitlist: the booking made.',
    th: 'จองรอบ {{service}} วันที่ {{date}} เวลา {{time}} ให้แล้วค่ะ หมายเลขการจอง {{booking_id}}',
    en: 'Booked: {{service}} on {{date}} at {{time}}. Your booking number is {{booking_id}}.',
  },
  {
    key: 'waitlist_declined',
    description: 'A customer turned down the seat offered from the waitlist.',
    th: 'รับทราบค่ะ เราได้ส่งต่อที่นั่งให้ผู้ที่รอคิวถัดไปแล้ว',
    en: 'Understood: the seat goes to the next person waiting.',
  },
  {
    key: "member_balance",
    description: "A member asked for their balance in the chat: wallet, points and credits by package, with the card's link.",
    th: "ยอดคงเหลือของคุณค่ะ (สมาชิก {{member_number}})\nกระเป๋าเงิน: {{wallet}}\nคะแนนสะสม: {{points}} คะแนน\nเครดิตคลาส:\n{{credits}}\nดูบัตรสมาชิกและประวัติการใช้ได้ที่ {{card_url}} ค่ะ",
    en: "Your balance (member {{member_number}}):\nWallet: {{wallet}}\nPoints: {{points}}\nClass credits:\n{{credits}}\nYour member card and history: {{card_url}}",
  },
  {
    key: "member_not_member",
    description: "Someone who is not a member asked for their balance.",
    th: "ขออภัยค่ะ ยังไม่พบข้อมูลสมาชิกของคุณ หากต้องการสมัครสมาชิกหรือซื้อแพ็กเกจ ทักทีมงานได้เลยค่ะ",
    en: "Sorry, we could not find a membership for you. Message our team to join or to buy a package.",
  },
  {
    key: "member_credits_expiring",
    description: "A member's package runs out soon and credits are left (sent once, days before: membership.expiryNoticeDays).",
    th: "แจ้งเตือนค่ะ {{package}} ของคุณยังเหลือ {{credits}} ครั้ง และจะหมดอายุวันที่ {{date}} ค่ะ จองคลาสก่อนวันนั้นได้เลยนะคะ",
    en: "A reminder: your {{package}} has {{credits}} credits left, which run out on {{date}}. Book a class before then!",
  },
  {
    key: 'member_credit_spent',
    description: "A credit of the member's package paid for a booking (booked with credits, or marked used at the class): what is left.",
    th: 'ใช้ {{credits}} เครดิตจาก {{package}} สำหรับการจอง {{booking_id}} แล้วค่ะ เหลืออีก {{left}} ครั้ง',
    en: '{{credits}} credit of your {{package}} paid for booking {{booking_id}}: {{left}} left.',
  },
  {
    key: "corporate_joined",
    description: "A customer joined a corporate client by its code and took a seat: their member number, the seat's package, the card's link.",
    th: "ยินดีต้อนรับค่ะ คุณได้เป็นสมาชิกในนามของ {{client}} แล้ว\nหมายเลขสมาชิก: {{member_number}}{{package}}\nดูบัตรสมาชิกได้ที่ {{card_url}} ค่ะ",
    en: "Welcome! You are now a member through {{client}}.\nMember number: {{member_number}}{{package}}\nYour member card: {{card_url}}",
  },
  {
    key: "corporate_already_joined",
    description: "A customer typed the code of the corporate client whose seat they hold already: nothing changed.",
    th: "คุณเป็นสมาชิกในนามของ {{client}} อยู่แล้วค่ะ (หมายเลขสมาชิก {{member_number}}) ไม่มีการเปลี่ยนแปลงใดๆ ค่ะ",
    en: "You are a member through {{client}} already (member number {{member_number}}): nothing changed.",
  },
  {
    key: "corporate_seats_full",
    description: "A customer typed a corporate client's code but all its seats are taken: not joined.",
    th: "ขออภัยค่ะ ที่นั่งสมาชิกของ {{client}} เต็มแล้ว จึงยังเข้าร่วมไม่ได้ กรุณาติดต่อผู้ดูแลสมาชิกในบริษัทของคุณค่ะ",
    en: "Sorry, all of {{client}}'s membership seats are taken, so you could not join. Please ask whoever manages the membership at your company.",
  },
  {
    key: "corporate_code_unknown",
    description: "A customer typed a corporate code that is no client's (mistyped or made up): the same answer for any such code.",
    th: "ขออภัยค่ะ ไม่พบรหัสนี้ กรุณาตรวจสอบรหัสที่ได้รับจากบริษัทของคุณแล้วพิมพ์อีกครั้งค่ะ",
    en: "Sorry, we could not find that code. Please check the code your company gave you and type it again.",
  },
  {
    key: "corporate_closed",
    description: "A customer typed the code of a corporate client that is suspended, has not started or has ended: not joined.",
    th: "ขออภัยค่ะ สมาชิกภาพในนามของ {{client}} ไม่เปิดให้เข้าร่วมในขณะนี้ กรุณาติดต่อผู้ดูแลสมาชิกในบริษัทของคุณค่ะ",
    en: "Sorry, membership through {{client}} is not open to join at the moment. Please ask whoever manages the membership at your company.",
  },
  {
    key: "corporate_seated_elsewhere",
    description: "A customer typed a corporate code while holding a seat of another client: not joined.",
    th: "คุณใช้ที่นั่งสมาชิกในนามของ {{client}} อยู่แล้วค่ะ หากย้ายบริษัท กรุณาให้ผู้ดูแลยกเลิกที่นั่งเดิมก่อนนะคะ",
    en: "You hold a membership seat through {{client}} already. If you have moved company, ask for that seat to be released first.",
  },
  {
    key: "corporate_too_many_tries",
    description: "A customer typed too many wrong corporate codes within an hour: no code is looked up until the hour has passed.",
    th: "ขออภัยค่ะ มีการพิมพ์รหัสไม่ถูกต้องหลายครั้ง กรุณาลองใหม่อีกครั้งในอีกหนึ่งชั่วโมงค่ะ",
    en: "Sorry, too many wrong codes were typed. Please try again in an hour.",
  },
  {
    key: 'member_points_expiring',
    description: "A member's points expire soon (sent once for each batch earned, membership.expiryNoticeDays before).",
    th: 'แจ้งเตือนค่ะ คะแนนสะสมของคุณ {{points}} คะแนนจะหมดอายุภายในวันที่ {{date}} ค่ะ ใช้คะแนนก่อนวันนั้นได้เลยนะคะ',
    en: 'A reminder: {{points}} of your points expire by {{date}}. Use them before then!',
  },
  {
    key: 'member_tier_down',
    description: "A member's tier moved down as points earned left the org's window (membership.tierWindowMonths; told once per change).",
    th: 'แจ้งให้ทราบค่ะ ระดับสมาชิกของคุณเปลี่ยนเป็น {{tier}} ตามคะแนนที่ได้รับใน {{months}} เดือนล่าสุด ({{points}} คะแนน) สะสมคะแนนเพิ่มเพื่อกลับสู่ระดับเดิมได้นะคะ',
    en: 'Your member tier is now {{tier}}, by the points earned in the last {{months}} months ({{points}}). Earn more to move back up.',
  },
  {
    key: "member_tier_up",
    description: "A member's points earned moved them up a tier (told once per change).",
    th: "ยินดีด้วยค่ะ! คุณได้เลื่อนเป็นสมาชิกระดับ {{tier}} แล้ว (คะแนนสะสมทั้งหมด {{points}} คะแนน) ขอบคุณที่ใช้บริการกับเรานะคะ",
    en: "Congratulations! You are now a {{tier}} member ({{points}} points earned). Thank you for being with us!",
  },
  {
    key: 'waitlist_left',
    description: 'A customer left the waitlist of a session: they are no longer in line.',
    th: 'ออกจากคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} ให้แล้วค่ะ หากต้องการจองอีกครั้ง ทักเราได้เลยค่ะ',
    en: "You've left the waitlist for {{service}} on {{date}} at {{time}}. Message us any time to book again.",
  },
  {
    key: 'waitlist_not_waiting',
    description: 'A customer asked to leave a waitlist they are no longer in (left already, declined, run out, or the session closed): nothing changed.',
    th: 'คุณไม่ได้อยู่ในคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ ไม่มีการเปลี่ยนแปลงใดๆ',
    en: "You're no longer on the waitlist for {{service}} on {{date}} at {{time}}: nothing changed.",
  },
  {
    key: 'waitlist_removed',
    description: 'Staff took a customer off the waitlist of a session (on their word): they are no longer in line.',
    th: 'ทีมงานได้นำชื่อคุณออกจากคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ หากต้องการจองอีกครั้ง ทักเราได้เลยค่ะ',
    en: 'Our team has taken you off the waitlist for {{service}} on {{date}} at {{time}}. Message us any time to book again.',
  },
  {
    key: 'waitlist_closed',
    description: 'The session a customer waited for was cancelled by the business: its waitlist is closed.',
    th: 'ขออภัยค่ะ รอบ {{service}} วันที่ {{date}} เวลา {{time}} ถูกยกเลิก คิวที่คุณรออยู่จึงปิดลงด้วย หากต้องการเลือกรอบอื่น ทักเราได้เลยค่ะ',
    en: 'Sorry, the {{service}} session on {{date}} at {{time}} has been cancelled, so the waitlist you were on is closed. Message us to choose another time.',
  },
  {
    key: 'slot_full',
    description: "A booking for a slot with no one free any more (or a time that is not one of the day's slots): the chat says so and offers the day's free times.",
    th: 'ขออภัยค่ะ {{service}} วันที่ {{date}} เวลา {{time}} ไม่ว่างแล้ว กรุณาเลือกเวลาอื่นนะคะ',
    en: 'Sorry, {{service}} on {{date}} at {{time}} is no longer free. Please choose another time.',
  },
  {
    key: 'booking_no_slot',
    description: 'A service booked in slots has no free time left on the day asked: the chat asks for another day.',
    th: 'ขออภัยค่ะ {{service}} วันที่ {{date}} ไม่มีเวลาว่างแล้ว กรุณาเลือกวันอื่นนะคะ',
    en: 'Sorry, {{service}} has no free time left on {{date}}. Please choose another day.',
  },
  {
    key: 'booking_session_cancelled',
    description: 'The session a booking was for was cancelled by the business, and the booking with it.',
    th: 'ขออภัยค่ะ รอบ {{service}} วันที่ {{date}} เวลา {{time}} ถูกยกเลิก การจอง {{booking_id}} จึงถูกยกเลิกด้วย ทีมงานจะติดต่อเพื่อช่วยเลือกรอบใหม่ค่ะ',
    en: 'Sorry, the {{service}} session on {{date}} at {{time}} has been cancelled, and with it your booking {{booking_id}}. Our team will contact you to find another time.',
  },
  {
    key: 'quote_sent',
    description: 'A quote for the booking is ready: its total, validity and link.',
    th: 'ใบเสนอราคาสำหรับการจอง {{booking_id}} ({{service}}) พร้อมแล้วค่ะ\n• ยอดรวม: {{amount}}\n• ใช้ได้ถึง: {{valid_until}}\nดูรายละเอียดและตอบรับได้ที่ {{quote_url}}',
    en: 'Your quote for booking {{booking_id}} ({{service}}) is ready.\n• Total: {{amount}}\n• Valid until: {{valid_until}}\nSee the details and accept it here: {{quote_url}}',
  },
  {
    key: 'quote_reminder',
    description: 'One reminder of a quote the customer opened and has not answered.',
    th: 'ใบเสนอราคาสำหรับการจอง {{booking_id}} ({{amount}}) ยังรอคำตอบอยู่นะคะ ใช้ได้ถึง {{valid_until}}\nตอบรับหรือแจ้งเหตุผลได้ที่ {{quote_url}}',
    en: 'A reminder: your quote for booking {{booking_id}} ({{amount}}) is waiting for your answer, valid until {{valid_until}}.\nAccept it or tell us why not here: {{quote_url}}',
  },
  {
    key: 'payment_link',
    description: 'A payment link for a booking (a deposit, the whole amount or the balance): card or PromptPay through Stripe.',
    th: 'ลิงก์ชำระเงินสำหรับการจอง {{booking_id}} ({{service}}) ค่ะ\n• ยอดที่ต้องชำระ: {{amount}}\nชำระด้วยบัตรหรือพร้อมเพย์ได้ที่ {{payment_url}}',
    en: 'Payment for booking {{booking_id}} ({{service}})\n• Amount due: {{amount}}\nPay by card or PromptPay here: {{payment_url}}',
  },
  {
    key: 'payment_received',
    description: 'A payment on the booking is confirmed (Stripe, or a transfer slip staff confirmed).',
    th: 'ได้รับชำระเงิน {{amount}} สำหรับการจอง {{booking_id}} เรียบร้อยแล้ว ขอบคุณค่ะ 🙏\nใบเสร็จรับเงิน: {{receipt_url}}',
    en: 'We have received your payment of {{amount}} for booking {{booking_id}}. Thank you! 🙏\nYour receipt: {{receipt_url}}',
  },
  {
    key: 'payment_refunded',
    description: 'Money was given back on a payment for the booking.',
    th: 'คืนเงิน {{amount}} สำหรับการจอง {{booking_id}} แล้วค่ะ ยอดจะกลับเข้าช่องทางที่คุณชำระภายในไม่กี่วันทำการ',
    en: 'We have refunded {{amount}} for booking {{booking_id}}. It returns to the way you paid within a few business days.',
  },
  {
    key: 'slip_received',
    description: "A customer's image while their booking owes money: taken as a transfer slip, for staff to confirm.",
    th: 'ได้รับสลิปการโอนเงินสำหรับการจอง {{booking_id}} แล้วค่ะ ทีมงานจะตรวจสอบและยืนยันให้เร็วที่สุด',
    en: 'Thank you: we have your transfer slip for booking {{booking_id}}. Our team will check it and confirm shortly.',
  },
  {
    key: 'balance_reminder',
    description: 'A customer who paid a deposit is reminded of the balance before the date of the booking, with a fresh payment link (card or PromptPay).',
    th: 'ขอแจ้งเตือนค่ะ การจอง {{booking_id}} ({{service}}) วันที่ {{date}} ยังมียอดคงเหลือ {{amount}} ค่ะ\nชำระด้วยบัตรหรือพร้อมเพย์ได้ที่ {{payment_url}}\nหากชำระแล้ว ขออภัยและขอบคุณค่ะ',
    en: 'A reminder: booking {{booking_id}} ({{service}}) on {{date}} still has a balance of {{amount}} to pay.\nPay by card or PromptPay here: {{payment_url}}\nIf you have paid already, thank you, and please ignore this message.',
  },
  {
    key: 'balance_reminder_transfer',
    description: 'A customer who paid a deposit is reminded of the balance before the date of the booking, when card payments are not set up: transfer, then send the slip.',
    th: 'ขอแจ้งเตือนค่ะ การจอง {{booking_id}} ({{service}}) วันที่ {{date}} ยังมียอดคงเหลือ {{amount}} ค่ะ\nโอนแล้วส่งสลิปในแชทนี้ได้เลยค่ะ',
    en: 'A reminder: booking {{booking_id}} ({{service}}) on {{date}} still has a balance of {{amount}} to pay.\nOnce you have transferred it, send the slip in this chat.',
  },
  {
    key: 'booking_day_before',
    description: 'The day before a confirmed booking: a reminder of when and what.',
    th: 'แจ้งเตือนค่ะ พรุ่งนี้คุณมีการจอง {{booking_id}}\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\nหากต้องการเปลี่ยนแปลง ตอบกลับในแชทนี้ได้เลยค่ะ',
    en: 'A reminder: your booking {{booking_id}} is tomorrow.\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\nIf anything changes, just reply in this chat.',
  },
  {
    key: 'booking_ask_missing',
    description: 'The bot asks for booking details that are still missing.',
    th: 'ยินดีค่ะ เพื่อจอง {{service}} ให้ รบกวนแจ้ง{{missing}}ด้วยนะคะ',
    en: 'Happy to help! To book {{service}}, could you please tell us {{missing}}?',
  },
  {
    key: 'booking_summary_confirm',
    description: 'The customer is asked to confirm the collected details.',
    th: 'กรุณาตรวจสอบรายละเอียดการจองค่ะ\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\n• จำนวน: {{party_size}} ท่าน\nถูกต้องไหมคะ? ตอบ "ยืนยัน" เพื่อส่งคำขอจอง หรือแจ้งสิ่งที่ต้องการแก้ไขได้เลยค่ะ',
    en: 'Please check your booking:\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Guests: {{party_size}}\nIs this correct? Reply "confirm" to send the request, or tell us what to change.',
  },
  {
    key: 'booking_question_noted',
    description: 'Under the booking summary and the request received, when the customer asked a question with the booking: it goes to the team with the request.',
    th: '📝 คำถามของคุณ "{{question}}" ส่งถึงทีมงานพร้อมคำขอจองนี้แล้ว ทีมงานจะตอบในแชทนี้ค่ะ',
    en: '📝 Your question, "{{question}}", goes to our team with this request; they will answer it in this chat.',
  },
  {
    key: 'booking_note_noted',
    description: 'Under the booking summary and the request received, when the customer added something for the team at the summary ({{note}}): it goes with the request.',
    th: '📝 ข้อมูลเพิ่มเติม "{{note}}" ส่งถึงทีมงานพร้อมคำขอจองนี้แล้วค่ะ',
    en: '📝 Noted for our team with this request: "{{note}}"',
  },
  {
    key: 'booking_confirmed',
    description: 'Staff confirmed the booking.',
    th: '🎉 ยืนยันการจอง {{booking_id}} เรียบร้อยแล้วค่ะ\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\n• จำนวน: {{party_size}} ท่าน\nแล้วพบกันนะคะ',
    en: '🎉 Your booking {{booking_id}} is confirmed.\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Guests: {{party_size}}\nWe look forward to seeing you!',
  },
  {
    key: 'booking_proposed_time',
    description: 'Staff propose another date or time.',
    th: 'ขออภัยค่ะ {{service}} ในเวลาที่คุณเลือกไม่ว่าง\nสะดวกเป็นวันที่ {{date}} เวลา {{time}} แทนไหมคะ? ตอบ "ยืนยัน" เพื่อรับเวลานี้ หรือเสนอเวลาอื่นได้เลยค่ะ',
    en: 'Sorry, {{service}} is not available at the time you asked for.\nWould {{date}} at {{time}} work for you instead? Reply "confirm" to take it, or suggest another time.',
  },
  {
    key: 'booking_declined',
    description: 'The business cannot take the booking.',
    th: 'ขออภัยเป็นอย่างยิ่งค่ะ เราไม่สามารถรับการจอง {{booking_id}} ({{service}} วันที่ {{date}}) ได้\nหากต้องการเลือกวันอื่น ตอบกลับในแชทนี้ได้เลยค่ะ',
    en: 'We are very sorry, we cannot accept booking {{booking_id}} ({{service}} on {{date}}).\nIf you would like to try another date, just reply in this chat.',
  },
  {
    key: 'booking_proposal_declined',
    description: 'The customer asked for another time than the one staff proposed.',
    th: 'รับทราบค่ะ เราได้แจ้งทีมงานให้หาเวลาอื่นสำหรับการจอง {{booking_id}} แล้ว หากมีวันเวลาที่สะดวก พิมพ์บอกในแชทนี้ได้เลยนะคะ',
    en: 'Noted! We have asked the team to find another time for booking {{booking_id}}. If there is a day or time that suits you, just tell us in this chat.',
  },
  {
    key: 'clarify_intent',
    description: 'The message was not clear enough to act on.',
    th: 'ขอบคุณที่ติดต่อมาค่ะ 😊 รบกวนขอรายละเอียดเพิ่มอีกนิดนะคะ ต้องการจองบริการ หรือพบปัญหาเกี่ยวกับคำสั่งซื้อ/การชำระเงินคะ?',
    en: 'Thanks for your message 😊 Could you tell us a bit more? Would you like to make a booking, or is there a problem with an order or payment?',
  },
  {
    key: 'pick_case_type',
    description: 'The customer said it is a problem, but not clearly which: the case types follow as buttons, the likeliest first.',
    th: 'ปัญหาที่พบตรงกับข้อไหนคะ? เลือกข้อที่ใกล้เคียงที่สุดได้เลยค่ะ 👇',
    en: 'Which of these is it? Tap the one closest to your problem 👇',
  },
  {
    key: 'did_you_mean',
    description: 'Two readings of the message are close: the two follow as buttons, then "talk to a person".',
    th: 'หมายถึงเรื่องไหนคะ? แตะข้อที่ใช่ได้เลยค่ะ 👇',
    en: 'Did you mean one of these? Tap the one that fits 👇',
  },
  {
    key: 'case_question_received',
    description: 'A question on an open case that the bot has no answer to ("what info do you need from me?"): added to the case, for a person to answer.',
    th: 'ได้รับคำถามของคุณในเคส {{case_id}} แล้วค่ะ เจ้าหน้าที่จะตอบในแชทนี้โดยเร็วนะคะ',
    en: 'We have added your question to case {{case_id}}. Someone from the team will answer it here soon.',
  },
  {
    key: 'did_you_mean_which',
    description: 'The customer answered "yes" to two readings or more: asked once more which one, with the same buttons.',
    th: 'ข้อไหนคะ? แตะปุ่มของข้อที่ใช่ด้านล่างได้เลยค่ะ 👇',
    en: 'Which one? Please tap it below 👇',
  },
  {
    key: 'ask_order_id',
    description: 'A problem of a type that needs its order id, and the customer gave none: the bot asks for it.',
    th: 'รบกวนขอเลขที่คำสั่งซื้อด้วยค่ะ จะได้ตรวจสอบให้ได้เร็วที่สุด',
    en: 'Could you send us the order number? It lets us check it right away.',
  },
  {
    key: 'ask_order_id_again',
    description: 'The answer held no order id the business recognises: the bot asks once more (a person takes over after the third try).',
    th: 'เลขนี้ยังไม่ตรงกับรูปแบบเลขที่คำสั่งซื้อของเราค่ะ รบกวนตรวจสอบอีกครั้งนะคะ หรือแตะ "คุยกับเจ้าหน้าที่" ได้เลยค่ะ',
    en: 'That does not look like one of our order numbers. Could you check it again? Or tap "talk to a person".',
  },
  {
    key: 'handoff_to_person',
    description: 'The conversation is handed to a person.',
    th: 'กำลังส่งต่อให้เจ้าหน้าที่ดูแลค่ะ อีกสักครู่จะมีเจ้าหน้าที่ตอบกลับในแชทนี้นะคะ',
    en: 'I am passing you to a member of our team. Someone will reply in this chat shortly.',
  },
  {
    key: 'handoff_after_hours',
    description: 'The conversation is handed to a person outside business hours: {{opens_at}} is when the desk opens.',
    th: 'ขณะนี้อยู่นอกเวลาทำการค่ะ ได้ส่งเรื่องให้เจ้าหน้าที่แล้ว เจ้าหน้าที่จะตอบกลับในแชทนี้เมื่อเปิดทำการ {{opens_at}} นะคะ',
    en: 'Our team is away right now. We have passed your message on, and a person will reply in this chat when we open, {{opens_at}}.',
  },
  {
    key: 'faq_other_question',
    description: 'After the answer to one question of a message, its other question that no FAQ entry answers ({{question}}): it goes to a person.',
    th: 'ส่วนคำถาม "{{question}}" ได้ส่งให้ทีมงานแล้ว จะรีบตอบกลับในแชทนี้โดยเร็วค่ะ',
    en: 'As for "{{question}}", we have passed it to our team and will reply in this chat soon.',
  },
  {
    key: 'faq_no_match',
    description: 'A question the bot has no answer for.',
    th: 'ขออภัยค่ะ ยังไม่พบคำตอบสำหรับคำถามนี้ ได้ส่งคำถามให้ทีมงานแล้ว จะรีบตอบกลับในแชทนี้โดยเร็วค่ะ',
    en: 'Sorry, we could not find an answer to that yet. We have passed your question to our team and will reply in this chat soon.',
  },
  {
    key: 'case_followup_received',
    description: 'A customer added to a case that is already open.',
    th: 'ได้รับข้อมูลเพิ่มเติมสำหรับเคส {{case_id}} แล้วค่ะ ทีมงานจะนำไปตรวจสอบต่อนะคะ',
    en: 'Thanks, we have added this to your case {{case_id}}. The team will take it into account.',
  },
  {
    key: 'case_customer_solved',
    description: 'A customer with a case open said the problem is over ("it is there now, thanks"): the team will close the case.',
    th: 'ดีใจด้วยนะคะ 😊 แจ้งทีมงานแล้วว่าเรื่อง {{case_id}} เรียบร้อยแล้ว ทีมงานจะปิดเคสให้ค่ะ หากยังมีปัญหา พิมพ์บอกในแชทนี้ได้เลยนะคะ',
    en: "Glad to hear it's sorted 😊 We've told the team, who will close case {{case_id}}. If anything is still wrong, just write here.",
  },
  {
    key: 'booking_ask_service',
    description: 'The bot asks which service the customer wants to book.',
    th: 'ยินดีค่ะ ต้องการจองบริการไหนคะ?',
    en: 'Happy to help! Which service would you like to book?',
  },
  {
    key: 'booking_form_offer',
    description: 'Below the question of which service, in LINE: the booking form, which lists every service and what it needs.',
    th: 'หรือกรอกแบบฟอร์มจองได้ที่นี่ค่ะ: {{booking_form_url}}',
    en: 'Or fill in the booking form: {{booking_form_url}}',
  },
  {
    key: 'booking_form_link',
    description: 'The customer asked for the booking form ("can I book online?"): its link, in LINE.',
    th: 'จองออนไลน์ได้ที่แบบฟอร์มนี้เลยค่ะ: {{booking_form_url}}\nหรือพิมพ์บอกบริการ วัน เวลา และจำนวนคนในแชทนี้ก็ได้นะคะ',
    en: 'You can book online with this form: {{booking_form_url}}\nOr tell us the service, day, time and number of people right here in the chat.',
  },
  {
    key: 'booking_ask_session',
    description: 'The bot asks which session of a class or departure: the sessions with room follow as buttons.',
    th: 'รอบไหนสะดวกสำหรับ {{service}} คะ? เลือกได้เลยค่ะ 👇',
    en: 'Which session of {{service}} would suit you? Tap one 👇',
  },
  {
    key: 'booking_no_session',
    description: 'A class or departure has no session with room in the coming month.',
    th: 'ขออภัยค่ะ {{service}} ยังไม่มีรอบที่ว่างในเดือนนี้ ทีมงานยินดีช่วยหาวันอื่นให้ค่ะ พิมพ์ "คุยกับเจ้าหน้าที่" ได้เลยนะคะ',
    en: 'Sorry, {{service}} has no session with room in the coming month. Our team can help find another date: just type "talk to a person".',
  },
  {
    key: 'booking_ask_date',
    description: 'The bot asks for the date of a booking.',
    th: 'ต้องการจอง {{service}} วันไหนคะ?',
    en: 'Which day would you like to book {{service}} for?',
  },
  {
    key: 'booking_free_days',
    description: 'In a booking, the customer asked which days are free: said above the next days {{service}} is open, a button each, and the calendar.',
    th: 'วันที่เปิดรับจอง{{service}} เลือกได้ด้านล่างเลยค่ะ 👇 หรือเลือกวันอื่นจากปฏิทินก็ได้ค่ะ',
    en: 'These are the next days open for {{service}} 👇 Or pick another day from the calendar.',
  },
  {
    key: 'booking_free_times',
    description: 'In a booking, the customer asked which times are free: said above the times {{service}} can be booked on {{date}}, a button each.',
    th: 'เวลาที่จอง{{service}} ได้ในวันที่ {{date}} เลือกได้ด้านล่างเลยค่ะ 👇',
    en: 'These times are open for {{service}} on {{date}} 👇',
  },
  {
    key: 'booking_next_service',
    description: 'Two services asked for in one message: after the first is booked, said above the first question of the next, {{service}}.',
    th: 'ต่อไปเป็นการจอง{{service}}นะคะ',
    en: 'Next, {{service}}.',
  },
  {
    key: 'booking_ask_time',
    description: 'The bot asks for the time of a booking.',
    th: 'สะดวกเวลากี่โมงคะ?',
    en: 'What time would suit you?',
  },
  {
    key: 'booking_ask_destination',
    description: 'The bot asks where a transfer goes (a service whose booking form requires a destination).',
    th: 'ต้องการให้รับส่งจากที่ไหนไปที่ไหนคะ? เช่น จากสุวรรณภูมิไปโรงแรมที่พัก',
    en: 'Where should we take you? For example, from Suvarnabhumi to your hotel.',
  },
  {
    key: 'booking_ask_pickup',
    description: 'The bot asks where a transfer picks the customer up, when they said only where it goes ({{place}}).',
    th: 'ให้รถไปรับที่ไหนคะ? (ไปส่ง{{place}}) เช่น ชื่อโรงแรมหรือที่อยู่',
    en: "Where should we pick you up? We will take you to {{place}}. For example, your hotel's name.",
  },
  {
    key: 'booking_ask_dropoff',
    description: 'The bot asks where a transfer goes, when the customer said only where it picks them up ({{place}}).',
    th: 'รับที่{{place}} แล้วต้องการไปส่งที่ไหนคะ?',
    en: 'Where should we take you from {{place}}?',
  },
  {
    key: 'ask_problem_details',
    description: 'The customer said they have a problem and nothing more: the bot asks what happened.',
    th: 'ขออภัยในความไม่สะดวกค่ะ 🙏 เล่าให้เราฟังได้เลยนะคะว่าเกิดอะไรขึ้น',
    en: 'Sorry to hear that. 🙏 Please tell us what happened.',
  },
  {
    key: 'case_status_reply',
    description: 'The customer asked where their open case stands: {{case_id}} and its {{status}} in their words.',
    th: 'เคส {{case_id}} ของคุณ: {{status}}ค่ะ ทีมงานจะแจ้งความคืบหน้าในแชทนี้นะคะ',
    en: 'Your case {{case_id}} is {{status}}. We will tell you here as soon as there is news.',
  },
  {
    key: 'case_status_eta',
    description: 'Under the answer with an open case\'s status: when it is expected to be resolved, {{eta}}.',
    th: 'คาดว่าจะแก้ไขเสร็จภายใน {{eta}} ค่ะ',
    en: 'Expected resolution: {{eta}}',
  },
  {
    key: 'booking_ask_party_size',
    description: 'The bot asks how many people the booking is for.',
    th: 'จองสำหรับกี่ท่านคะ?',
    en: 'How many people is the booking for?',
  },
  {
    key: 'booking_cancelled_by_customer',
    description: 'The customer stopped a booking before sending it.',
    th: 'ยกเลิกคำขอจองแล้วค่ะ หากต้องการจองใหม่ พิมพ์มาได้ตลอดเลยนะคะ',
    en: 'No problem, the booking request is cancelled. Just write to us whenever you would like to book.',
  },
  {
    key: 'csat_question',
    description: 'Asked once when a case is resolved (when its case type asks for satisfaction): a rating with quick replies 1 to 5.',
    th: 'เคส {{case_id}} ได้รับการแก้ไขแล้ว คุณพอใจกับการดูแลของเราแค่ไหนคะ? กรุณาให้คะแนน 1 (ไม่พอใจ) ถึง 5 (พอใจมาก) ค่ะ',
    en: 'How happy are you with how we handled case {{case_id}}? Please rate us from 1 (not at all) to 5 (very happy).',
  },
  {
    key: 'csat_ask_comment',
    description: 'After the rating: an optional comment.',
    th: 'ขอบคุณสำหรับคะแนนค่ะ 🙏 มีอะไรอยากบอกเราเพิ่มเติมไหมคะ? พิมพ์ตอบได้เลย หรือกด "ข้าม"',
    en: 'Thank you for your rating! 🙏 Anything you would like to tell us? Just type it, or tap "Skip".',
  },
  {
    key: 'csat_thanks',
    description: 'After the comment (or skipping it), or when the case was already rated.',
    th: 'ขอบคุณสำหรับความคิดเห็นค่ะ เราจะนำไปปรับปรุงการบริการให้ดียิ่งขึ้น 💚',
    en: 'Thank you for your feedback. It helps us do better. 💚',
  },
  { key: 'label_skip', description: 'Quick reply: skip the satisfaction comment.', th: 'ข้าม', en: 'Skip' },
  { key: 'label_book', description: 'Quick reply: make a booking.', th: 'จองบริการ', en: 'Book' },
  { key: 'label_waitlist_join', description: 'Quick reply: join the waitlist of a full session.', th: 'ลงชื่อรอคิว', en: 'Join the waitlist' },
  { key: 'label_waitlist_accept', description: 'Quick reply: accept the seat offered from the waitlist.', th: 'รับที่นั่ง', en: 'Accept the seat' },
  { key: 'label_waitlist_decline', description: 'Quick reply: decline the seat offered from the waitlist.', th: 'ไม่รับ', en: 'Decline' },
  { key: 'label_waitlist_leave', description: 'Quick reply: leave the waitlist of a session.', th: 'ออกจากคิว', en: 'Leave the waitlist' },
  { key: 'label_seats_left', description: 'Quick reply: how many seats a session has left, when few remain.', th: 'เหลือ {{seats_left}} ที่', en: '{{seats_left}} left' },
  { key: 'label_report_problem', description: 'Quick reply: report a problem.', th: 'แจ้งปัญหา', en: 'Report a problem' },
  { key: 'label_ask_question', description: 'Quick reply: ask a question.', th: 'สอบถาม', en: 'Ask a question' },
  { key: 'label_talk_to_person', description: 'Quick reply: talk to a person.', th: 'คุยกับเจ้าหน้าที่', en: 'Talk to a person' },
  { key: 'label_confirm', description: 'Quick reply: confirm.', th: 'ยืนยัน', en: 'Confirm' },
  { key: 'label_cancel', description: 'Quick reply: cancel.', th: 'ยกเลิก', en: 'Cancel' },
  { key: 'label_pick_date', description: 'Quick reply: open the date picker.', th: 'เลือกวันที่', en: 'Pick a date' },
  { key: 'label_other_time', description: 'Quick reply: ask for another time than the one proposed.', th: 'ขอเวลาอื่น', en: 'Another time' },
  { key: 'label_which_time', description: 'Quick reply: the number the customer typed at the booking summary is the time, {{time}}.', th: 'เวลา {{time}} น.', en: 'Time: {{time}}' },
  { key: 'label_which_party', description: 'Quick reply: the number the customer typed at the booking summary is the number of people, {{party_size}}.', th: 'จำนวน {{party_size}} ท่าน', en: 'Guests: {{party_size}}' },
  {
    key: 'booking_status_reply',
    description: 'The customer asked where their booking stands: their newest booking and its stage ({{status}}).',
    th: 'การจอง {{booking_id}}\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\n• สถานะ: {{status}}\nหากต้องการเปลี่ยนแปลง พิมพ์บอกได้เลยค่ะ เจ้าหน้าที่จะดูแลให้',
    en: 'Your booking {{booking_id}}\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Status: {{status}}\nTo change anything, just write here and our team will help.',
  },
  {
    key: 'booking_time_past',
    description: 'The customer asked for a time already gone today ({{time}} on {{date}}): told so, then asked the time again.',
    th: 'ขออภัยค่ะ เวลา {{time}} น. ของวัน{{date}} ผ่านไปแล้ว',
    en: 'Sorry, {{time}} on {{date}} has already passed.',
  },
  {
    key: 'booking_date_past',
    description: 'The customer asked for a day already gone ({{date}}): told so, then asked the day again.',
    th: 'ขออภัยค่ะ วัน{{date}} ผ่านไปแล้ว',
    en: 'Sorry, {{date}} has already passed.',
  },
  {
    key: 'booking_closed_day',
    description: 'The service is closed on the day the customer asked ({{date}}): told so, then asked the day again.',
    th: 'ขออภัยค่ะ {{service}} ปิดให้บริการวัน{{date}}',
    en: 'Sorry, {{service}} is closed on {{date}}.',
  },
  {
    key: 'booking_outside_hours',
    description: 'The time the customer asked ({{time}}) is outside the service\'s hours that day ({{hours}}): told so, then asked the time again.',
    th: 'ขออภัยค่ะ {{service}} เปิดให้บริการ {{hours}} น. ในวัน{{date}} เวลา {{time}} น. อยู่นอกเวลาให้บริการ',
    en: 'Sorry, {{service}} is open {{hours}} on {{date}}; {{time}} is outside those hours.',
  },
  {
    key: 'booking_over_capacity',
    description: 'More people ({{party_size}}) than the service takes in one booking ({{capacity}}): told so, then asked how many again.',
    th: 'ขออภัยค่ะ {{service}} รับได้สูงสุด {{capacity}} ท่านต่อการจอง',
    en: 'Sorry, {{service}} takes at most {{capacity}} people per booking.',
  },
  {
    key: 'booking_number_which',
    description: 'At the booking summary the customer typed a bare number ("make it 11"): the time ({{time}}) or the number of people ({{party_size}})? A button for each follows.',
    th: 'หมายถึงเวลา {{time}} น. หรือจำนวน {{party_size}} ท่านคะ? แตะข้อที่ใช่ได้เลยค่ะ 👇',
    en: 'Did you mean {{time}} or {{party_size}} guests? Tap the one you meant 👇',
  },
  {
    key: 'greeting_follow',
    description: 'The customer added the LINE account as a friend.',
    th: 'สวัสดีค่ะ ยินดีต้อนรับนะคะ 👋\nคุณสามารถจองบริการหรือแจ้งปัญหาได้ในแชทนี้เลย พิมพ์ภาษาไทยหรือภาษาอังกฤษก็ได้ค่ะ\nวันนี้ให้เราช่วยอะไรดีคะ?',
    en: 'Hello and welcome! 👋\nYou can book a service or report a problem right here in this chat, in Thai or English.\nHow can we help you today?',
  },
  {
    key: 'service_price',
    description: 'The customer asked the price of a service: {{service}} and its price per person, {{amount}}; a button books it.',
    th: '{{service}} ราคา {{amount}} ต่อท่านค่ะ หากต้องการจอง แตะปุ่มด้านล่างได้เลยนะคะ',
    en: '{{service}} is {{amount}} per person. Tap below to book it.',
  },
  {
    key: 'service_duration',
    description: 'The customer asked how long a service takes: {{service}} and its length, {{duration}}. Outside a booking, a button under it books the service.',
    th: '{{service}} ใช้เวลาประมาณ {{duration}}ค่ะ',
    en: '{{service}} takes about {{duration}}.',
  },
  {
    key: 'service_capacity',
    description: 'The customer asked how many a service takes: {{service}} and the most people it takes, {{capacity}}. Outside a booking, a button under it books the service.',
    th: '{{service}} รับได้สูงสุด {{capacity}} ท่านค่ะ',
    en: '{{service}} takes up to {{capacity}} people.',
  },
  {
    key: 'service_price_total',
    description: 'In the booking of a service for several people, the customer asked its price: {{service}}, its price per person {{amount}}, the people {{party_size}} and the total {{total}}.',
    th: '{{service}} ราคา {{amount}} ต่อท่าน สำหรับ {{party_size}} ท่าน รวม {{total}}ค่ะ',
    en: '{{service}} is {{amount}} per person: {{total}} for {{party_size}}.',
  },
  {
    key: 'documents_links',
    description: 'The customer asked for their receipt: {{documents}} lists their latest documents, each with its link.',
    th: 'เอกสารล่าสุดของคุณค่ะ แตะลิงก์เพื่อเปิดไฟล์ PDF ได้เลยนะคะ\n{{documents}}',
    en: 'Your latest documents. Tap a link to open the PDF:\n{{documents}}',
  },
  {
    key: 'documents_none',
    description: 'The customer asked for their receipt and none was issued to them yet: a person takes the conversation.',
    th: 'ยังไม่พบใบเสร็จหรือใบกำกับภาษีในชื่อของคุณค่ะ ขอส่งต่อให้เจ้าหน้าที่ตรวจสอบและส่งให้ในแชทนี้นะคะ',
    en: 'We could not find a receipt or tax invoice in your name yet. A member of our team will check and send it here.',
  },
  {
    key: 'ask_question_details',
    description: 'The customer said they have a question and nothing more: what is it?',
    th: 'ได้เลยค่ะ สอบถามเรื่องอะไรคะ? พิมพ์คำถามมาได้เลยนะคะ',
    en: 'Sure, what would you like to know? Just type your question.',
  },
  {
    key: 'anything_else',
    description: 'The customer said "ok" or sent a thumbs-up: the four choices follow as buttons.',
    th: '😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้หรือแตะปุ่มด้านล่างได้เลยนะคะ',
    en: '😊 If there is anything else, write here or tap below.',
  },
  {
    key: 'thanks_reply',
    description: 'The customer said thank you: the four choices follow as buttons.',
    th: 'ยินดีค่ะ 😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้ได้เลยนะคะ',
    en: "You're welcome 😊 If there is anything else, just write here.",
  },
  {
    key: 'greeting_open_case',
    description: 'A hello from a customer whose case is still open: greeted back, reminded of the case, with the choices.',
    th: 'สวัสดีค่ะ 👋 เคส {{case_id}} ของคุณยังอยู่ระหว่างดำเนินการ ทีมงานกำลังดูแลอยู่นะคะ มีข้อมูลเพิ่มเติมพิมพ์ในแชทนี้ได้เลยค่ะ\nหรือให้เราช่วยเรื่องอื่นไหมคะ?',
    en: 'Hello again! 👋 Your case {{case_id}} is still open and our team is on it. Anything you add here goes to the case.\nOr can we help you with something else?',
  },
  {
    key: 'staff_enrolment_ok',
    description: 'A staff member linked their LINE account with their enrolment code.',
    th: 'ยินดีต้อนรับค่ะ คุณ{{name}} 🎉\nบัญชี LINE ของคุณเชื่อมต่อกับระบบแล้ว ในบทบาท {{role}}\nเคสและการจองใหม่จะแสดงในกลุ่มทีมของคุณค่ะ',
    en: 'Welcome aboard, {{name}} 🎉\nYour LINE account is now linked, with the role {{role}}.\nNew cases and bookings will appear in your team group.',
  },
  {
    key: 'staff_enrolment_failed',
    description: 'Someone sent an enrolment code that is wrong, used, expired, or for a LINE account linked to someone else.',
    th: 'ขออภัยค่ะ รหัสนี้ใช้ไม่ได้ อาจไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุแล้วค่ะ\nรบกวนขอรหัสใหม่จากผู้ดูแลระบบนะคะ',
    en: 'Sorry, this code cannot be used: it is wrong, already used or expired.\nPlease ask your admin for a new one.',
  },
  {
    key: 'privacy_notice',
    description: "The first message of a customer the bot answers (once per version of the org's privacy notice): a card before the answer, with Agree, No thanks and a link to the full notice (docs/privacy.md).",
    th: 'ก่อนอื่นขอแจ้งเรื่องข้อมูลส่วนบุคคลนะคะ 🔒 เราใช้ชื่อ ช่องทางติดต่อ และข้อความในแชทนี้เพื่อดูแลการจองและเรื่องที่คุณแจ้งเท่านั้น และจะส่งข่าวสารหรือข้อเสนอให้ก็ต่อเมื่อคุณยินยอมค่ะ\nยินยอมรับข่าวสารและข้อเสนอจากเราไหมคะ? ตอบอย่างไรก็ไม่มีผลต่อบริการที่คุณได้รับค่ะ',
    en: 'First, a word about your personal data 🔒 We use your name, contact details and this chat only to look after your bookings and requests, and we send news or offers only if you agree.\nMay we send you news and offers? Either way, our service to you stays the same.',
  },
  {
    key: 'privacy_consent_thanks',
    description: 'The customer tapped Agree on the privacy notice.',
    th: 'ขอบคุณค่ะ 🙏 บันทึกความยินยอมของคุณแล้ว หากเปลี่ยนใจ แตะ "ไม่ยินยอม" ที่ข้อความเดิมได้ทุกเมื่อค่ะ',
    en: 'Thank you! 🙏 Your consent is recorded. If you change your mind, tap "No, thanks" on the same message at any time.',
  },
  {
    key: 'privacy_consent_declined',
    description: 'The customer tapped No thanks on the privacy notice (or withdrew a consent).',
    th: 'รับทราบค่ะ เราจะไม่ส่งข่าวสารหรือข้อเสนอให้คุณ และยังดูแลการจองและเรื่องที่คุณแจ้งตามปกติค่ะ',
    en: 'Noted: we will not send you news or offers, and we look after your bookings and requests as usual.',
  },
  { key: 'label_privacy_notice', description: "The privacy notice card's title.", th: 'ข้อมูลส่วนบุคคล (ประกาศฉบับที่ {{notice_version}})', en: 'Your personal data (notice version {{notice_version}})' },
  { key: 'label_consent_accept', description: 'Button on the privacy notice: agree to news and offers.', th: 'ยินยอม', en: 'I agree' },
  { key: 'label_consent_decline', description: 'Button on the privacy notice: do not agree.', th: 'ไม่ยินยอม', en: 'No, thanks' },
  { key: 'label_privacy_read', description: 'Button on the privacy notice: open the full notice.', th: 'อ่านประกาศฉบับเต็ม', en: 'Read the full notice' },
];

/**
 * Fills an existing org with the demo data above. Does nothing when the org already has case
 * types, so it is safe to call on every start.
 */
export interface DemoFaq {
  key: string;
  questionTh: string;
  questionEn: string;
  answerTh: string;
  answerEn: string;
  keywords: string[];
}

/** What customers ask most; answered by the bot when the match is confident. */
export const demoFaq: DemoFaq[] = [
  {
    key: 'opening_hours',
    questionTh: 'ร้านเปิดกี่โมง ปิดกี่โมงคะ',
    questionEn: 'What time do you open and close?',
    answerTh: 'เราเปิดทุกวัน 09:00–18:00 น. ค่ะ ทีมงานตอบแชทในเวลาทำการ และเคสเร่งด่วนเรื่องเติมเงินดูแลตลอด 24 ชั่วโมงค่ะ',
    answerEn: 'We are open every day from 9:00 to 18:00. The team answers chats during opening hours, and urgent top-up problems are handled around the clock.',
    keywords: ['เปิดกี่โมง', 'ปิดกี่โมง', 'เวลาเปิด', 'เวลาทำการ', 'opening hours', 'office hours', 'open on'],
  },
  {
    key: 'location',
    questionTh: 'ร้านอยู่ที่ไหน เดินทางยังไงคะ',
    questionEn: 'Where are you located?',
    answerTh: 'เราอยู่ที่ 99 ถนนสุขุมวิท ซอย 24 ใกล้ BTS พร้อมพงษ์ค่ะ เดินจากสถานีประมาณ 5 นาทีค่ะ',
    answerEn: 'We are at 99 Sukhumvit Soi 24, near BTS Phrom Phong, about a five-minute walk from the station.',
    keywords: ['แผนที่', 'ที่อยู่ร้าน', 'ร้านอยู่', 'address', 'located', 'map', 'directions', 'get to your'],
  },
  {
    key: 'payment_methods',
    questionTh: 'ชำระเงินได้ช่องทางไหนบ้างคะ',
    questionEn: 'How can I pay?',
    answerTh: 'ชำระได้ทั้งพร้อมเพย์ โอนผ่านธนาคาร บัตรเครดิต และ TrueMoney Wallet ค่ะ',
    answerEn: 'You can pay by PromptPay, bank transfer, credit card or TrueMoney Wallet.',
    keywords: ['ช่องทางชำระ', 'วิธีชำระ', 'ชำระผ่าน', 'จ่ายผ่าน', 'รับบัตร', 'payment method', 'ways to pay', 'accept card', 'pay by'],
  },
  {
    key: 'class_prices',
    questionTh: 'คลาสทำอาหารราคาเท่าไหร่คะ',
    questionEn: 'How much are the cooking classes?',
    answerTh: 'คลาสทำอาหารไทย 1,800 บาท และคลาสซูชิ 2,500 บาทต่อท่านค่ะ รวมวัตถุดิบและผ้ากันเปื้อนแล้วค่ะ',
    answerEn: 'The Thai cooking class is 1,800 baht and the sushi class 2,500 baht per person, ingredients and apron included.',
    keywords: ['ค่าเรียน', 'ราคาคลาส', 'class price', 'class fee', 'cooking class cost'],
  },
];

/**
 * The privacy notice a new business starts with (PDPA sections 19 and 23: who collects what, why
 * and on which basis, who receives it, how long it is kept, the customer's rights, how to answer).
 * Published as version 1, so that the booking forms and the chat show it from the first day; the
 * owner edits it in Settings (each edit is a new version, docs/privacy.md).
 */
export const demoPrivacyNotice = {
  th: [
    'เรา (ธุรกิจที่คุณแชทหรือจองบริการด้วย) เก็บรวบรวมและใช้ข้อมูลส่วนบุคคลของคุณตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 (PDPA) ดังนี้ค่ะ',
    'ข้อมูลที่เราเก็บ: ชื่อ เบอร์โทรศัพท์ อีเมล บัญชี LINE หรือ WhatsApp ของคุณ (ชื่อที่แสดงและรหัสผู้ใช้) ข้อความและไฟล์ที่คุณส่งถึงเรา การจอง และเรื่องที่คุณแจ้ง',
    'เราใช้ข้อมูลเพื่อ: รับและดูแลการจอง ตอบคำถาม และแก้ไขปัญหาที่คุณแจ้ง (เพื่อปฏิบัติตามสัญญาและตามคำขอของคุณ) เก็บบันทึกตามที่กฎหมายกำหนด และส่งข่าวสาร ข้อเสนอ หรือโปรโมชัน เฉพาะเมื่อคุณให้ความยินยอมเท่านั้น',
    'ผู้ที่ได้รับข้อมูล: พนักงานของเรา และผู้ให้บริการที่จำเป็นต่อการดำเนินการตามที่คุณขอ เช่น ผู้ให้บริการรับชำระเงินหรือบริษัทขนส่ง เราไม่ขายข้อมูลของคุณ',
    'ระยะเวลาเก็บรักษา: เท่าที่จำเป็นต่อการให้บริการคุณ และตามระยะเวลาที่กฎหมายกำหนด',
    'สิทธิของคุณ: ขอเข้าถึงหรือขอรับสำเนาข้อมูล ขอแก้ไข ขอลบ คัดค้านหรือขอระงับการใช้ข้อมูล และถอนความยินยอมได้ทุกเมื่อ โดยไม่กระทบสิ่งที่ทำไปก่อนหน้า การไม่ให้หรือถอนความยินยอมไม่มีผลต่อการจองหรือบริการที่คุณได้รับ',
    'ติดต่อเรา: ส่งข้อความถึงเราในแชทนี้ หรือแตะปุ่ม "ไม่ยินยอม" ที่ข้อความแจ้งเรื่องข้อมูลส่วนบุคคลเพื่อถอนความยินยอมได้เลยค่ะ',
  ].join('\n\n'),
  en: [
    "We (the business you chat with or book from) collect and use your personal data under Thailand's Personal Data Protection Act B.E. 2562 (PDPA), as follows.",
    'What we collect: your name, phone number, e-mail, your LINE or WhatsApp account (display name and user id), the messages and files you send us, your bookings and the problems you report.',
    'Why: to take and look after your bookings, answer your questions and solve the problems you report (to perform our contract with you, at your request); to keep the records the law requires; and to send you news, offers or promotions only if you consent.',
    'Who receives it: our staff, and the service providers we need to do what you ask, such as a payment gateway or a delivery company. We do not sell your data.',
    'How long we keep it: as long as we need it to serve you, and as long as the law requires.',
    'Your rights: to see or get a copy of your data, to have it corrected or erased, to object to or restrict its use, and to withdraw your consent at any time, without affecting what was done before. Declining or withdrawing consent does not change your bookings or our service.',
    'Contact us: write to us in this chat, or tap "No, thanks" on the message about your personal data to withdraw your consent.',
  ].join('\n\n'),
};

export async function loadDemoSeed(knex: Knex, orgId: string): Promise<void> {
  await knex.transaction(async (trx) => {
    // Two starts racing each other queue here instead of both seeing "empty".
    const org = await trx('orgs').where({ id: orgId }).forUpdate().first('id');
    if (!org) throw new Error(`loadDemoSeed: org ${orgId} does not exist`);
    const existing = await trx('case_types').where({ org_id: orgId }).first('id');
    if (existing) return;

    // SLA clocks and the after-hours handoff count the hours the FAQ promises, not round the clock;
    // hours an admin already set are kept.
    await trx('orgs').where({ id: orgId }).whereNull('business_hours').update({ business_hours: JSON.stringify(DEMO_BUSINESS_HOURS) });
    await trx('staff').insert(
      demoStaff.map((s) => ({ org_id: orgId, display_name: s.displayName, role: s.role, language: s.language })),
    );
    await trx('providers').insert(
      demoProviders.map((p) => ({
        org_id: orgId,
        key: p.key,
        name: p.name,
        kind: p.kind,
        contact: JSON.stringify(p.contact),
        notes: p.notes,
      })),
    );
    await trx('case_types').insert(
      demoCaseTypes.map((c, i) => ({
        org_id: orgId,
        key: c.key,
        name_th: c.nameTh,
        name_en: c.nameEn,
        category: c.category,
        default_severity: c.defaultSeverity,
        first_response_minutes: c.firstResponseMinutes,
        resolution_minutes: c.resolutionMinutes,
        requires_provider: c.requiresProvider,
        requires_order_id: c.requiresOrderId,
        // jsonb values go in as JSON text: the pg driver would turn a JS array into a PG array.
        notify: JSON.stringify(c.notify),
        escalation: JSON.stringify(c.escalation),
        warn_at_ratio: c.warnAtRatio,
        keywords: c.keywords,
        examples: JSON.stringify(c.examples),
        description: c.description,
        sop: c.sop,
        sort_order: (i + 1) * 10,
      })),
    );
    await trx('services').insert(
      demoServices.map((s, i) => ({
        org_id: orgId,
        key: s.key,
        name_th: s.nameTh,
        name_en: s.nameEn,
        description: s.description,
        duration_minutes: s.durationMinutes,
        capacity: s.capacity,
        price: s.price,
        currency: 'THB',
        keywords: s.keywords,
        examples: JSON.stringify(s.examples),
        sort_order: (i + 1) * 10,
        form_fields: s.formFields ? JSON.stringify(s.formFields) : null,
        hours: s.hours ? JSON.stringify(s.hours) : null,
      })),
    );
    await trx('templates').insert(
      demoTemplates.flatMap((t) =>
        (['th', 'en'] as const).map((language) => ({
          org_id: orgId,
          key: t.key,
          language,
          body: t[language],
          description: t.description,
        })),
      ),
    );
    await trx('privacy_notices').insert({ org_id: orgId, version: 1, text_th: demoPrivacyNotice.th, text_en: demoPrivacyNotice.en, published_by_type: 'system' });
    await trx('faq_entries').insert(
      demoFaq.map((f) => ({
        org_id: orgId,
        key: f.key,
        question_th: f.questionTh,
        question_en: f.questionEn,
        answer_th: f.answerTh,
        answer_en: f.answerEn,
        keywords: f.keywords,
      })),
    );
  });
}
