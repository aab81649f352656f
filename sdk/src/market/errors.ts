import { ContractRevertError, defineRevert } from "../errors.js";

// One class per custom error of the market contracts (`LiquidityLock`, and the `PoolSeeding` library's, which the
// contracts that seed pools revert with), each with the sentence the SDK and the CLI show. Dates are UTC.

/** A Unix time the contract returned, as an ISO date. */
function date(value: unknown): string {
  return new Date(Number(value) * 1000).toISOString();
}

/** `LockTimeOutOfRange`: a lock's date before the shortest lock or after the longest from now. */
export class LockTimeOutOfRangeError extends ContractRevertError {}
/** `LockEmpty`: nothing to lock, or nothing arrived. */
export class LockEmptyError extends ContractRevertError {}
/** `LockInvalidBeneficiary`: the zero address or the lock itself as beneficiary. */
export class LockInvalidBeneficiaryError extends ContractRevertError {}
/** `LockUnknown`: no lock with that number. */
export class LockUnknownError extends ContractRevertError {}
/** `LockNotYetOpen`: the lock opens later. */
export class LockNotYetOpenError extends ContractRevertError {}
/** `LockAlreadyReleased`: the lock was released already. */
export class LockAlreadyReleasedError extends ContractRevertError {}
/** `PoolSeedingAlreadyOpen`: someone holds shares of the pair already. */
export class PoolSeedingAlreadyOpenError extends ContractRevertError {}
/** `PoolSeedingEmpty`: nothing would enter the pool. */
export class PoolSeedingEmptyError extends ContractRevertError {}

defineRevert(
  "LockTimeOutOfRange",
  LockTimeOutOfRangeError,
  (a) => `A lock must open between ${date(a[1])} and ${date(a[2])}, not at ${date(a[0])}.`,
);
defineRevert("LockEmpty", LockEmptyError, () => "Nothing was locked: the amount is zero, or no token arrived.");
defineRevert(
  "LockInvalidBeneficiary",
  LockInvalidBeneficiaryError,
  (a) => `${a[0]} cannot receive locked pool shares.`,
);
defineRevert("LockUnknown", LockUnknownError, (a) => `There is no lock #${a[0]} (${a[1]} locks exist).`);
defineRevert("LockNotYetOpen", LockNotYetOpenError, (a) => `Lock #${a[0]} opens on ${date(a[1])}.`);
defineRevert("LockAlreadyReleased", LockAlreadyReleasedError, (a) => `Lock #${a[0]} was released already.`);
defineRevert(
  "PoolSeedingAlreadyOpen",
  PoolSeedingAlreadyOpenError,
  (a) => `The pool ${a[0]} is open already (${a[1]} shares exist): a launch seeds only a pool nobody holds shares of.`,
);
defineRevert(
  "PoolSeedingEmpty",
  PoolSeedingEmptyError,
  (a) => `Nothing would enter the pool at this price (${a[0]} token units, ${a[1]} quote units).`,
);
