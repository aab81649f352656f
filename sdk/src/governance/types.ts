import type { ProtocolContext } from "../context.js";
import type { ModelRef } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";

export type { DaoCall };

/** What the governance actions work with. */
export type GovernanceContext = ProtocolContext;

/** A proposal as people name it: its number in the model's DAO (1, 2, 3...) or its full 256-bit hash id. */
export type ProposalRef = number | bigint | string;

/** How a vote counts: OpenZeppelin's simple counting. */
export type VoteSupport = "against" | "for" | "abstain";

/** A proposal's state, as OpenZeppelin's Governor names them (in lower case). */
export type ProposalStateName =
  | "pending"
  | "active"
  | "canceled"
  | "defeated"
  | "succeeded"
  | "queued"
  | "expired"
  | "executed";

/** A launched model's DAO: its contracts and its current rules. Durations in seconds, on the token's timestamp clock. */
export interface DaoView {
  model: bigint;
  slug: string;
  token: string;
  tokenSymbol: string;
  governor: string;
  timelock: string;
  votingDelay: number;
  votingPeriod: number;
  /** Votes (token units) an account needs to propose. */
  proposalThreshold: bigint;
  /** Quorum in percent of the supply (`quorumNumerator / quorumDenominator`, usually out of 100). */
  quorumNumerator: bigint;
  quorumDenominator: bigint;
  timelockDelay: number;
  proposalCount: number;
  /** Whether proposals can be made now: a model's DAO takes none before its sale is over. */
  proposalsOpen: boolean;
  /** When a model's DAO takes proposals: its sale's end (sooner if the sale was cancelled); none for the protocol DAO. */
  proposalsOpenAt?: Date;
}

/** One call of a proposal, decoded with the ABIs the SDK knows (registry, model token, timelock, governor, ERC-20). */
export interface DecodedAction {
  target: string;
  value: bigint;
  data: string;
  /**
   * The contract the call goes to, when known: "ModelRegistry", "ModelLaunchFactory", "NetworkEmission", "ModelToken",
   * "ModelTimelock", "ModelGovernor", "ERC-20".
   */
  contract?: string;
  /** The function's signature, e.g. "transfer(address,uint256)", when decoded. */
  signature?: string;
  /** The decoded arguments as text. */
  args?: string[];
  /** What the call does, in words. */
  description: string;
}

/** Votes cast on a proposal, in token units. */
export interface ProposalVotes {
  for: bigint;
  against: bigint;
  abstain: bigint;
}

/** A proposal of a model's DAO, read at one moment. */
export interface ProposalView {
  /** Its number in the DAO (1, 2, 3...): the id the governor's functions take. */
  number: bigint;
  /** The 256-bit hash of its calls and description (`hashProposal`). */
  hash: bigint;
  proposer: string;
  state: ProposalStateName;
  /** The description as proposed (markdown); `title` is its first line without `#`. */
  description: string;
  title: string;
  actions: DecodedAction[];
  votes: ProposalVotes;
  /** Votes needed (for + abstain) for the proposal to pass. */
  quorum: bigint;
  quorumReached: boolean;
  /** When voting opens (votes are counted as delegated at this moment) and when it closes. */
  snapshot: Date;
  deadline: Date;
  /** When the timelock lets it be executed, once queued. */
  eta?: Date;
  /** The block where it was proposed. */
  blockNumber: number;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  descriptionHash: string;
}

/** What `propose` returns. */
export interface ProposeResult {
  number: bigint;
  hash: bigint;
  proposer: string;
  snapshot: Date;
  deadline: Date;
  actions: DecodedAction[];
}

/** What `vote` and `relayVote` return. */
export interface VoteResult {
  proposal: bigint;
  voter: string;
  support: VoteSupport;
  weight: bigint;
  reason: string;
  votes: ProposalVotes;
}

/**
 * A vote signed off chain (EIP-712 `Ballot`, or `ExtendedBallot` with a reason) that anyone can submit with
 * `relayVote`. The nonce is the voter's nonce in the governor: a signature counts once.
 */
export interface SignedVote {
  chainId: string;
  governor: string;
  model: string;
  proposal: string;
  support: VoteSupport;
  voter: string;
  nonce: string;
  reason?: string;
  signature: string;
}

/** What `queueProposal`, `executeProposal` and `cancelProposal` return. */
export interface ProposalStepResult {
  proposal: bigint;
  state: ProposalStateName;
  eta?: Date;
}

/** One raw call of a `calls` JSON file: `{ target, value, signature: "transfer(address,uint256)", args: [...] }`. */
export interface RawCall {
  target: string;
  /** Wei, as a decimal string or number; 0 by default. */
  value?: string | number;
  /** A function signature, e.g. "transfer(address,uint256)"; omit with no args for a plain ETH transfer. */
  signature?: string;
  args?: unknown[];
}

/** A proposal's reference within a model. */
export interface ProposalParameters {
  model: ModelRef;
  proposal: ProposalRef;
}
