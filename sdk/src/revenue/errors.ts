import { getAddress, ZeroAddress } from "ethers";

import { ContractRevertError, defineRevert, SdkError } from "../errors.js";
import { NATIVE_ASSET } from "./assets.js";

// One class per custom error of revenue sharing (`IModelRevenue`, inside every model token), each with the
// sentence the SDK and the CLI show. Amounts are in the asset's smallest units (wei for ETH); the asset
// 0xEeee...EEeE (ERC-7528) is ETH and is named so.

/** `RevenueNotModelDao`: someone other than the model's DAO changed revenue settings. */
export class RevenueNotModelDaoError extends ContractRevertError {}
/** `RevenueAssetNotAllowed`: the asset is not accepted as revenue (never allowed, or removed). */
export class RevenueAssetNotAllowedError extends ContractRevertError {}
/** `RevenueAssetAlreadyAllowed`: the asset is accepted already. */
export class RevenueAssetAlreadyAllowedError extends ContractRevertError {}
/** `RevenueTooManyAssets`: the token accepts as many ERC-20s as it can. */
export class RevenueTooManyAssetsError extends ContractRevertError {}
/** `RevenueInvalidAsset`: the address cannot be a revenue asset (not a contract, or the model token itself). */
export class RevenueInvalidAssetError extends ContractRevertError {}
/** `RevenueZeroAmount`: a deposit, claim or redemption of nothing. */
export class RevenueZeroAmountError extends ContractRevertError {}
/** `RevenueNoEligibleSupply`: no token earns revenue, so a deposit could not be shared. */
export class RevenueNoEligibleSupplyError extends ContractRevertError {}
/** `RevenueDepositTooLarge`: the deposit is too large for the eligible supply to account for. */
export class RevenueDepositTooLargeError extends ContractRevertError {}
/** `RevenueStreamTooLong`: a stream duration above the maximum. */
export class RevenueStreamTooLongError extends ContractRevertError {}
/** `RevenueReserveTooHigh`: a reserve share above 100%. */
export class RevenueReserveTooHighError extends ContractRevertError {}
/** `RevenueNothingToClaim`: the holder has nothing to claim (in the asset, or in any asset). */
export class RevenueNothingToClaimError extends ContractRevertError {
  /** Whose claim was refused. */
  get holder(): string {
    return this.args[0] as string;
  }
}
/** `RevenueInvalidRecipient`: revenue would go to the zero address or to the token itself. */
export class RevenueInvalidRecipientError extends ContractRevertError {}
/** `RevenueHolderForwards`: the holder (the sale) passes its revenue on with its tokens, and cannot claim or redeem. */
export class RevenueHolderForwardsError extends ContractRevertError {}
/** `RevenueExclusionUnchanged`: the account is already in the exclusion state asked for. */
export class RevenueExclusionUnchangedError extends ContractRevertError {}
/** `RevenueExcludeNotContract`: only contracts can be excluded. */
export class RevenueExcludeNotContractError extends ContractRevertError {}
/** `RevenueExclusionHolder`: the DAO may not change the exclusion of an account that holds tokens. */
export class RevenueExclusionHolderError extends ContractRevertError {}
/** `RevenueExclusionHasRevenue`: the DAO may not change the exclusion of an account that has revenue to claim. */
export class RevenueExclusionHasRevenueError extends ContractRevertError {}
/** `RevenueExclusionByHolder`: the account excluded itself, and only it may include itself again. */
export class RevenueExclusionByHolderError extends ContractRevertError {}
/** `RevenueClaimForContract`: revenue is paid to a contract on someone else's call only if it can account for it. */
export class RevenueClaimForContractError extends ContractRevertError {
  /** The contract whose claim was refused. */
  get holder(): string {
    return this.args[0] as string;
  }
}
/** `RevenueCreditOutOfRange`: a holder's credit would leave the signed 128-bit field that stores it. */
export class RevenueCreditOutOfRangeError extends ContractRevertError {}
/** `RevenueAssetRebased`: the token holds less of the asset than it owes (a rebasing or fee-charging token). */
export class RevenueAssetRebasedError extends ContractRevertError {}
/** `RevenueEthTransferFailed`: the recipient refused ETH. */
export class RevenueEthTransferFailedError extends ContractRevertError {}
/** `RevenueNoReserve`: the token was launched without a reserve, so nothing can be redeemed. */
export class RevenueNoReserveError extends ContractRevertError {}
/** `RevenueNoSurplus`: the token holds nothing of the asset beyond what it owes. */
export class RevenueNoSurplusError extends ContractRevertError {}

// ------------------------------------------------------------------------------- SDK-side failures

/** An asset was named that is not one of the token's revenue assets (by symbol), or not an address. */
export class UnknownRevenueAssetError extends SdkError {}

/** A revenue setting for the DAO to propose is out of bounds (a stream longer than 180 days, a malformed duration). */
export class RevenueSettingError extends SdkError {}

// ---------------------------------------------------------------------------------------- sentences

/**
 * An asset address as people read it in a sentence: "ETH" for ERC-7528's placeholder, else the address.
 *
 * @example
 * import { assetName } from "open-model-registry/sdk";
 * assetName("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE"); // "ETH"
 */
export function assetName(asset: string): string {
  const text = String(asset);
  try {
    return getAddress(text) === NATIVE_ASSET ? "ETH" : getAddress(text);
  } catch {
    return text;
  }
}

const isEth = (asset: string): boolean => assetName(asset) === "ETH";
const days = (seconds: unknown): string => {
  const value = Number(seconds) / 86_400;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} days`;
};

defineRevert(
  "RevenueNotModelDao",
  RevenueNotModelDaoError,
  (a) =>
    `${a[0]} is not the model's DAO: only its timelock, through a proposal that passed, may change revenue settings.`,
);
defineRevert("RevenueAssetNotAllowed", RevenueAssetNotAllowedError, (a) =>
  isEth(a[0])
    ? "ETH is always a revenue asset: it cannot be removed."
    : `${assetName(a[0])} is not accepted as revenue by this token: its DAO has not allowed it, or has removed it.`,
);
defineRevert(
  "RevenueAssetAlreadyAllowed",
  RevenueAssetAlreadyAllowedError,
  (a) => `${assetName(a[0])} is accepted as revenue already.`,
);
defineRevert(
  "RevenueTooManyAssets",
  RevenueTooManyAssetsError,
  (a) =>
    `A model token accepts at most ${a[0]} ERC-20s as revenue besides ETH, and has that many already (removed ones keep their place).`,
);
defineRevert(
  "RevenueInvalidAsset",
  RevenueInvalidAssetError,
  (a) =>
    `${a[0]} cannot be a revenue asset: it is not a contract, or it is ETH's placeholder or the model token itself.`,
);
defineRevert(
  "RevenueZeroAmount",
  RevenueZeroAmountError,
  () => "A deposit, claim or redemption must be of more than zero (or the asset delivered nothing).",
);
defineRevert(
  "RevenueNoEligibleSupply",
  RevenueNoEligibleSupplyError,
  () => "Nobody can earn this deposit: every token is held by an account excluded from revenue sharing.",
);
defineRevert(
  "RevenueDepositTooLarge",
  RevenueDepositTooLargeError,
  (a) =>
    `A deposit of ${a[1]} units of ${assetName(a[0])} is too large for the token to account for; deposit it in smaller parts over time.`,
);
defineRevert(
  "RevenueStreamTooLong",
  RevenueStreamTooLongError,
  (a) => `A stream of ${a[0]} seconds (${days(a[0])}) is longer than the ${a[1]} seconds (${days(a[1])}) allowed.`,
);
defineRevert(
  "RevenueReserveTooHigh",
  RevenueReserveTooHighError,
  (a) => `A reserve of ${a[0]} basis points is more than the whole of a deposit (10000).`,
);
defineRevert("RevenueNothingToClaim", RevenueNothingToClaimError, (a) =>
  String(a[1]) === ZeroAddress
    ? `${a[0]} has no revenue to claim in any asset.`
    : `${a[0]} has no ${assetName(a[1])} revenue to claim.`,
);
defineRevert(
  "RevenueInvalidRecipient",
  RevenueInvalidRecipientError,
  (a) => `Revenue cannot be paid to ${a[0]}: not to the zero address, nor to the token itself.`,
);
defineRevert(
  "RevenueHolderForwards",
  RevenueHolderForwardsError,
  (a) =>
    `${a[0]} passes its revenue on with its tokens (it is the sale): it cannot claim or redeem, and its buyers receive what its tokens earned when they settle.`,
);
defineRevert("RevenueExclusionUnchanged", RevenueExclusionUnchangedError, (a) =>
  a[1] ? `${a[0]} is excluded from revenue sharing already.` : `${a[0]} is not excluded from revenue sharing.`,
);
defineRevert(
  "RevenueExcludeNotContract",
  RevenueExcludeNotContractError,
  (a) =>
    `${a[0]} is not a contract: the DAO may exclude only contracts that cannot claim (pools, bridges, vaults); an account with a key can exclude itself.`,
);
defineRevert(
  "RevenueExclusionHolder",
  RevenueExclusionHolderError,
  (a) =>
    `${a[0]} holds ${a[1]} token units: the DAO may change the exclusion only of an account that holds nothing, and only the holder itself may exclude its tokens.`,
);
defineRevert(
  "RevenueExclusionHasRevenue",
  RevenueExclusionHasRevenueError,
  (a) =>
    `${a[0]} has ${a[2]} units of ${assetName(a[1])} revenue to claim: the DAO may change the exclusion only of an account with nothing to claim.`,
);
defineRevert(
  "RevenueExclusionByHolder",
  RevenueExclusionByHolderError,
  (a) => `${a[0]} excluded itself from revenue sharing: only it may include itself again, not the DAO.`,
);
defineRevert(
  "RevenueClaimForContract",
  RevenueClaimForContractError,
  (a) =>
    `${a[0]} is a contract that did not receive its tokens at launch: revenue is paid to it only when it claims for itself, since a contract that does not account for what it receives could lose it to anyone.`,
);
defineRevert(
  "RevenueCreditOutOfRange",
  RevenueCreditOutOfRangeError,
  (a) =>
    `A holder's revenue credit of ${a[0]} units would not fit the signed 128 bits that store it: the token refuses the operation rather than record another amount.`,
);
defineRevert(
  "RevenueAssetRebased",
  RevenueAssetRebasedError,
  (a) =>
    `${assetName(a[0])} holds only ${a[1]} units in the token, which owes ${a[2]}: a token that rebases or charges holders cannot be revenue.`,
);
defineRevert(
  "RevenueEthTransferFailed",
  RevenueEthTransferFailedError,
  (a) => `${a[0]} refused a payment of ${a[1]} wei: send it to an address that accepts ETH.`,
);
defineRevert(
  "RevenueNoReserve",
  RevenueNoReserveError,
  () => "This token was launched without a reserve: there is nothing to redeem tokens for.",
);
defineRevert("RevenueNoSurplus", RevenueNoSurplusError, (a) =>
  isEth(a[0])
    ? "ETH is never surplus: everything the token holds of it is owed to holders."
    : `The token holds no ${assetName(a[0])} beyond what it owes to holders: there is no surplus to recover.`,
);
