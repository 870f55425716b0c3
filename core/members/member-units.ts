/**
 * The units of what members hold (docs/members.md, "Balances"): the wallet in the org's money,
 * points (`PTS`) and a package's credits (`CRD`). On their own so that modules the ledger module
 * itself calls (tiers, told when points are earned) can name them without importing it back.
 */
export const WALLET_CURRENCY = 'THB';
export const POINTS = 'PTS';
export const CREDITS = 'CRD';
