import type { Kind } from '../core/understanding/classification.ts';

/**
 * How the intents of public labelled sets are read as Opsdesk's four kinds, written down once and
 * before looking at any score, so that the mapping cannot drift towards what the classifier gets
 * right. The rule is the same for every set:
 *
 * - **case**: the customer reports that something went wrong (not arrived, declined, charged
 *   twice, blocked, lost, broken) or asks staff to undo or change something already in place
 *   (cancel a transfer, change a package). Each such intent is a case type.
 * - **booking**: the customer asks for a service the business provides to be arranged (order a
 *   card, book a flight, a table, a taxi, buy a package). Each such intent is a bookable service.
 * - **question**: the customer asks for information about the business's services. Each such
 *   intent is a FAQ entry whose question is its five example phrases.
 * - **other**: small talk, and everything a service desk does not do (a personal assistant's
 *   commands, trivia, out-of-scope lines). These are never in the taxonomy: the classifier must
 *   tell them apart from everything the business wrote.
 *
 * `name` is the intent label in words (what a business would type as the name); the Thai set also
 * has Thai names, as a Thai business would write them. No descriptions or keywords are invented.
 */

export type Mapping = Record<string, Kind>;

/** BANKING77 (PolyAI-LDN/task-specific-datasets, banking_data): 77 intents of a card and e-money app. */
export const BANKING77: Mapping = {
  // Something went wrong.
  card_arrival: 'case',
  card_not_working: 'case',
  card_payment_wrong_exchange_rate: 'case',
  extra_charge_on_statement: 'case',
  pending_cash_withdrawal: 'case',
  lost_or_stolen_card: 'case',
  pin_blocked: 'case',
  contactless_not_working: 'case',
  pending_top_up: 'case',
  wrong_amount_of_cash_received: 'case',
  card_payment_fee_charged: 'case',
  transfer_not_received_by_recipient: 'case',
  top_up_reverted: 'case',
  balance_not_updated_after_cheque_or_cash_deposit: 'case',
  card_payment_not_recognised: 'case',
  unable_to_verify_identity: 'case',
  compromised_card: 'case',
  direct_debit_payment_not_recognised: 'case',
  passcode_forgotten: 'case',
  declined_cash_withdrawal: 'case',
  pending_card_payment: 'case',
  lost_or_stolen_phone: 'case',
  request_refund: 'case',
  declined_transfer: 'case',
  Refund_not_showing_up: 'case',
  declined_card_payment: 'case',
  pending_transfer: 'case',
  card_swallowed: 'case',
  transaction_charged_twice: 'case',
  'reverted_card_payment?': 'case',
  beneficiary_not_allowed: 'case',
  transfer_fee_charged: 'case',
  failed_transfer: 'case',
  top_up_failed: 'case',
  balance_not_updated_after_bank_transfer: 'case',
  cash_withdrawal_not_recognised: 'case',
  wrong_exchange_rate_for_cash_withdrawal: 'case',
  virtual_card_not_working: 'case',
  cancel_transfer: 'case',
  // A service to arrange.
  order_physical_card: 'booking',
  getting_spare_card: 'booking',
  get_disposable_virtual_card: 'booking',
  getting_virtual_card: 'booking',
  // Information.
  card_linking: 'question',
  exchange_rate: 'question',
  fiat_currency_support: 'question',
  card_delivery_estimate: 'question',
  automatic_top_up: 'question',
  exchange_via_app: 'question',
  age_limit: 'question',
  top_up_by_bank_transfer_charge: 'question',
  top_up_limits: 'question',
  supported_cards_and_currencies: 'question',
  card_acceptance: 'question',
  edit_personal_details: 'question',
  why_verify_identity: 'question',
  get_physical_card: 'question',
  visa_or_mastercard: 'question',
  topping_up_by_card: 'question',
  disposable_card_limits: 'question',
  atm_support: 'question',
  terminate_account: 'question',
  transfer_timing: 'question',
  change_pin: 'question',
  receiving_money: 'question',
  transfer_into_account: 'question',
  verify_top_up: 'question',
  top_up_by_cash_or_cheque: 'question',
  verify_source_of_funds: 'question',
  exchange_charge: 'question',
  top_up_by_card_charge: 'question',
  activate_my_card: 'question',
  cash_withdrawal_charge: 'question',
  card_about_to_expire: 'question',
  apple_pay_or_google_pay: 'question',
  verify_my_identity: 'question',
  country_support: 'question',
};

/**
 * CLINC150 (clinc/oos-eval, data_full.json): 150 intents in ten domains plus out-of-scope lines.
 * A business here is a bank and card issuer, a travel agent, a car service and a restaurant; the
 * personal-assistant domains (home, utility, small talk, meta, work, cooking) and `oos` are other.
 */
export const CLINC150: Mapping = {
  // banking and credit cards
  account_blocked: 'case',
  card_declined: 'case',
  damaged_card: 'case',
  report_fraud: 'case',
  report_lost_card: 'case',
  transactions: 'question',
  balance: 'question',
  bill_balance: 'question',
  bill_due: 'question',
  interest_rate: 'question',
  routing: 'question',
  min_payment: 'question',
  pay_bill: 'booking',
  transfer: 'booking',
  freeze_account: 'case',
  order_checks: 'booking',
  spending_history: 'question',
  pin_change: 'question',
  direct_deposit: 'question',
  credit_limit: 'question',
  credit_limit_change: 'booking',
  credit_score: 'question',
  improve_credit_score: 'question',
  apr: 'question',
  expiration_date: 'question',
  new_card: 'booking',
  replacement_card_duration: 'question',
  rewards_balance: 'question',
  redeem_rewards: 'question',
  international_fees: 'question',
  application_status: 'question',
  // travel
  book_flight: 'booking',
  book_hotel: 'booking',
  car_rental: 'booking',
  flight_status: 'question',
  lost_luggage: 'case',
  carry_on: 'question',
  travel_alert: 'question',
  travel_notification: 'booking',
  travel_suggestion: 'question',
  international_visa: 'question',
  vaccines: 'question',
  plug_type: 'question',
  exchange_rate: 'question',
  timezone: 'other',
  translate: 'other',
  // auto and commute: a car service
  schedule_maintenance: 'booking',
  last_maintenance: 'question',
  oil_change_when: 'question',
  oil_change_how: 'question',
  tire_change: 'question',
  tire_pressure: 'question',
  jump_start: 'question',
  mpg: 'question',
  gas_type: 'question',
  uber: 'booking',
  gas: 'other',
  traffic: 'other',
  directions: 'other',
  distance: 'other',
  current_location: 'other',
  // restaurant
  restaurant_reservation: 'booking',
  cancel_reservation: 'case',
  confirm_reservation: 'question',
  accept_reservations: 'question',
  how_busy: 'question',
  restaurant_reviews: 'question',
  restaurant_suggestion: 'question',
  order: 'booking',
  order_status: 'question',
  insurance: 'question',
  insurance_change: 'booking',
  // kitchen, home, utility, work, meta, small talk: not what a service desk does
  meal_suggestion: 'other', recipe: 'other', cook_time: 'other', ingredients_list: 'other', ingredient_substitution: 'other',
  nutrition_info: 'other', calories: 'other', food_last: 'other', measurement_conversion: 'other',
  alarm: 'other', timer: 'other', reminder: 'other', reminder_update: 'other', calendar: 'other', calendar_update: 'other',
  todo_list: 'other', todo_list_update: 'other', shopping_list: 'other', shopping_list_update: 'other', play_music: 'other',
  next_song: 'other', update_playlist: 'other', what_song: 'other', smart_home: 'other', make_call: 'other', text: 'other',
  share_location: 'other', find_phone: 'other', calculator: 'other', spelling: 'other', definition: 'other', time: 'other',
  date: 'other', weather: 'other', flip_coin: 'other', roll_dice: 'other', next_holiday: 'other', fun_fact: 'other',
  pto_request: 'other', pto_request_status: 'other', pto_balance: 'other', pto_used: 'other', payday: 'other', w2: 'other',
  income: 'other', taxes: 'other', rollover_401k: 'other', meeting_schedule: 'other', schedule_meeting: 'other',
  change_accent: 'other', change_ai_name: 'other', change_language: 'other', change_speed: 'other', change_volume: 'other',
  whisper_mode: 'other', reset_settings: 'other', sync_device: 'other', user_name: 'other', change_user_name: 'other',
  what_can_i_ask_you: 'other', repeat: 'other', cancel: 'other', yes: 'other', no: 'other', maybe: 'other',
  greeting: 'other', goodbye: 'other', thank_you: 'other', tell_joke: 'other', meaning_of_life: 'other', are_you_a_bot: 'other',
  how_old_are_you: 'other', what_is_your_name: 'other', where_are_you_from: 'other', who_made_you: 'other',
  who_do_you_work_for: 'other', what_are_your_hobbies: 'other', do_you_have_pets: 'other',
  oos: 'other',
};

/**
 * NLU-Evaluation-Data (xliuhw/NLU-Evaluation-Data, cross-validation fold 1): 64 intents of a home
 * assistant. A business here is a takeaway and a transport operator; the rest is a personal
 * assistant's work (alarms, lights, music, e-mail, trivia) and small talk: other. `social_post`
 * is mostly "complain to <company>": a problem report, so a case.
 */
export const NLU_EVALUATION: Mapping = {
  takeaway_order: 'booking',
  transport_ticket: 'booking',
  transport_taxi: 'booking',
  takeaway_query: 'question',
  transport_query: 'question',
  recommendation_events: 'question',
  recommendation_locations: 'question',
  social_post: 'case',
};
/** Every intent of NLU-Evaluation-Data not listed above is other. */
export const NLU_EVALUATION_DEFAULT: Kind = 'other';

/**
 * TrueVoice intent (kobkrit/truevoice-intent, mari-intent.zip): Thai customer-service calls to a
 * mobile operator, labelled with an action and an object. The action says the kind: `report` a
 * problem, `cancel` / `change` / `request` something in place: case; `buy` / `activate` a
 * package or service: booking; `enquire`: question; `garbage`: other. The class is action and
 * object together ("report_internet"). One exception, by its own name: `request_information`
 * is a request for information, a question (`TRUEVOICE_CLASSES`).
 */
export const TRUEVOICE_ACTIONS: Record<string, Kind> = {
  report: 'case',
  cancel: 'case',
  change: 'case',
  request: 'case',
  buy: 'booking',
  activate: 'booking',
  enquire: 'question',
  garbage: 'other',
};

/** Classes whose kind is not their action's. */
export const TRUEVOICE_CLASSES: Record<string, Kind> = {
  request_information: 'question',
};

/** Thai names of TrueVoice objects, as the operator would name its own services. */
export const TRUEVOICE_OBJECT_NAMES_TH: Record<string, string> = {
  internet: 'อินเทอร์เน็ต',
  service: 'บริการ',
  promotion: 'โปรโมชั่น',
  balance: 'ยอดเงินคงเหลือ',
  package: 'แพ็กเกจ',
  payment: 'การชำระเงิน',
  lost_stolen: 'โทรศัพท์หายหรือถูกขโมย',
  information: 'ข้อมูล',
  bill: 'บิลค่าบริการ',
  idd: 'โทรต่างประเทศ',
  truemoney: 'ทรูมันนี่',
  roaming: 'โรมมิ่ง',
  mobile_setting: 'ตั้งค่ามือถือ',
  phone_issues: 'ปัญหาโทรศัพท์',
  detail: 'รายละเอียด',
  suspend: 'ระงับสัญญาณ',
  credit: 'เครดิต',
  ringtone: 'เสียงรอสาย',
  rate: 'อัตราค่าโทร',
  nontruemove: 'บริการอื่นที่ไม่ใช่ทรูมูฟ',
  balance_minutes: 'นาทีคงเหลือ',
  loyalty_card: 'บัตรสมาชิก',
  iservice: 'ไอเซอร์วิส',
  officer: 'เจ้าหน้าที่',
  contact: 'ติดต่อ',
};

/** Thai names of TrueVoice actions. */
export const TRUEVOICE_ACTION_NAMES_TH: Record<string, string> = {
  report: 'แจ้งปัญหา',
  cancel: 'ยกเลิก',
  change: 'เปลี่ยน',
  request: 'ขอ',
  buy: 'ซื้อ',
  activate: 'เปิดใช้',
  enquire: 'สอบถาม',
};
