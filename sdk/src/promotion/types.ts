import type { CID } from "multiformats/cid";

import type { ProtocolContext } from "../context.js";
import type { ModelRef, VersionRefView } from "../registry/types.js";
import type { NetuidRef, SubnetToken } from "../subnets/types.js";

/** What the promotion actions work with: the deployment must record Promotion and the subnets contract. */
export type PromotionContext = ProtocolContext;

/** The token a binding's bounty is paid in. */
export type PromotionToken = SubnetToken;

/** A subnet's binding to the model its winning candidates are published to: {@link getPromotionBinding}. */
export interface PromotionBindingView {
  netuid: bigint;
  /** Whether the subnet is bound; the other fields are zero when it is not. */
  bound: boolean;
  model: bigint;
  /** The model's slug (empty when not bound). */
  slug: string;
  /** The subnet's owner when bound: the binding promotes only while the subnet keeps that owner. */
  subnetOwner: string;
  /** Completed epochs in a row a candidate must lead (K). */
  minStreak: number;
  /** The bounty's token; none when the binding pays no bounty. */
  bountyToken?: PromotionToken;
  /** Credited to the winning coldkey on each promotion, at most what the escrow holds (token units). */
  bounty: bigint;
  /** Bounty tokens the binding holds (token units). */
  escrow: bigint;
  /** Block of the binding. */
  boundAt: bigint;
  /** Promotions made under this binding. */
  promotions: bigint;
  /** Tags of promoted versions are `<tagPrefix><epoch>`. */
  tagPrefix: string;
}

/** Why {@link promote} would fail now, or "ready": `IPromotion.Status`, in the contract's order. */
export type PromotionStatusName =
  | "ready"
  | "not-bound"
  | "subnet-owner-changed"
  | "no-leader"
  | "no-candidate"
  | "candidate-changed"
  | "streak-too-short"
  | "already-promoted"
  | "parent-deprecated"
  | "not-publisher"
  | "tag-taken";

/** What a promotion of a subnet's leader would do now, or why it would not: {@link getPromotionStatus}. */
export interface PromotionStatusView {
  netuid: bigint;
  status: PromotionStatusName;
  /** Whether `promote` would succeed now. */
  ready: boolean;
  /** The status in a sentence: what a promotion would publish, or why it would fail ("UID 3 has led 1 of 2 ..."). */
  reason: string;
  binding: PromotionBindingView;
  /** The last completed epoch's leader (none when the subnet is not bound or no epoch had one). */
  leader?: {
    uid: number;
    hotkey: string;
    coldkey: string;
    /** Completed epochs in a row it has led with its candidate. */
    streak: bigint;
  };
  /** The streak the binding needs (K). */
  minStreak: bigint;
  /** The subnet's completed epochs (the number in the tag). */
  epoch: bigint;
  /** The leader's candidate, when it has one. */
  weightsCid?: CID;
  /** The tag the version would get (empty before the leader's candidate is read). */
  tag: string;
  /** The parent it would name: the one the candidate declared, else the model's latest live version. */
  parent?: VersionRefView;
  parentDeclared: boolean;
  /** The bounty that would be credited (the binding's, capped by its escrow). */
  bounty: bigint;
}

/** What a model's owner binds a subnet with: {@link bindPromotion}. */
export interface BindPromotionParameters {
  netuid: NetuidRef;
  /** The model the subnet records (its id or slug); read from the subnet when not given. */
  model?: ModelRef;
  /** Completed epochs in a row a candidate must lead (K), 1 to 10,000. */
  minStreak: number;
  /** The bounty's token (an address); needed with a bounty. */
  bountyToken?: string;
  /** Credited to each promoted miner's coldkey: whole tokens ("100") or token units as a bigint. */
  bounty?: bigint | string;
  /** Tags are `<tagPrefix><epoch>`; `sn<netuid>-e` when not given. At most 16 tag characters. */
  tagPrefix?: string;
}

/** What {@link bindPromotion} recorded. */
export interface BindPromotionResult {
  binding: PromotionBindingView;
}

/** What {@link fundPromotionBounty} takes: whole tokens ("500") or token units, from the signer. */
export interface FundPromotionBountyParameters {
  netuid: NetuidRef;
  amount: bigint | string;
  /** Whose tokens, with a read-only runner (the signer's by default). */
  account?: string;
}

/** What {@link declarePromotionParent} takes. */
export interface DeclarePromotionParentParameters {
  netuid: NetuidRef;
  /** The version the candidate derives from: any version of any model; none withdraws the declaration. */
  parent?: { model: ModelRef; version: number | "latest" | { tag: string } };
  /** The hotkey declaring, with a read-only runner (the signer's by default). */
  account?: string;
}

/** What {@link promote} did. */
export interface PromoteResult {
  netuid: bigint;
  model: bigint;
  /** The new version's index and tag. */
  index: number;
  tag: string;
  uid: number;
  hotkey: string;
  coldkey: string;
  epoch: bigint;
  streak: bigint;
  /** The bounty credited to the coldkey (zero when none), and the bounty that was due. */
  bounty: { credited: bigint; due: bigint; token?: PromotionToken };
}

/** What {@link claimPromotionBounty} paid. */
export interface ClaimPromotionBountyResult {
  token: PromotionToken;
  to: string;
  amount: bigint;
}
