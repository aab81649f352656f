import { AbiCoder, id as keccakText, keccak256 } from "ethers";

import { ModelGovernor__factory, ModelToken__factory, type ModelGovernor } from "../contracts.js";
import { launchScanStart } from "../context.js";
import { formatAmount } from "../amounts.js";
import { SdkError } from "../errors.js";
import { scanLogs } from "../logs.js";
import { decodeActions } from "./decode.js";
import { ProposalDefeatedError, ProposalNotFoundError, ProposalStateError, VotingNotOpenError } from "./errors.js";
import { chainNow, governorInterface, io, iso, type DaoRecord } from "./internal.js";
import type {
  GovernanceContext,
  ProposalParameters,
  ProposalStateName,
  ProposalStepResult,
  ProposalView,
  ProposalVotes,
  VoteSupport,
} from "./types.js";

// A DAO's proposals as its governor's events and state record them: found by number or hash id, read with their
// votes, quorum and calls in words, and the sentence that says why a step cannot be taken in a proposal's state.
// The constants are public; the rest is internal to the governance module.

/** OpenZeppelin's proposal states, in the order of `IGovernor.ProposalState`. */
export const PROPOSAL_STATES: readonly ProposalStateName[] = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
];

/** Simple counting's vote types, in the order the governor numbers them. */
export const VOTE_SUPPORT: readonly VoteSupport[] = ["against", "for", "abstain"];

/** Where and how proposals are read from the governor's events. */
export interface ProposalScanOptions {
  /** The first block to read events from; the launch factory's deployment block by default. */
  fromBlock?: number;
  /** Blocks per `eth_getLogs` request (`LOG_SCAN_BLOCKS` by default). */
  blockRange?: number;
}

/** A proposal as its `ProposalCreated` event records it. */
export interface CreatedProposal {
  number: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  voteStart: bigint;
  voteEnd: bigint;
  description: string;
  blockNumber: number;
}

/** Every proposal of the DAO, oldest first, from its governor's `ProposalCreated` events. */
export async function proposalEvents(
  context: GovernanceContext,
  dao: DaoRecord,
  options: ProposalScanOptions,
): Promise<CreatedProposal[]> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading proposals needs a provider: connect the client to one.");
  const toBlock = await provider.getBlockNumber();
  const logs = await scanLogs(provider, {
    address: dao.governor,
    topics: [governorInterface.getEvent("ProposalCreated")!.topicHash],
    fromBlock: Math.min(launchScanStart(context, options.fromBlock), toBlock),
    toBlock,
    blockRange: options.blockRange,
  });
  return logs.map((log) => {
    const { args } = governorInterface.parseLog(log)!;
    return {
      number: args.proposalId as bigint,
      proposer: args.proposer as string,
      targets: [...(args.targets as string[])],
      values: [...(args[3] as bigint[])],
      calldatas: [...(args.calldatas as string[])],
      voteStart: args.voteStart as bigint,
      voteEnd: args.voteEnd as bigint,
      description: args.description as string,
      blockNumber: log.blockNumber,
    };
  });
}

/** A proposal by its number (1, 2, 3...) or its full hash id. */
export async function findProposal(
  context: GovernanceContext,
  dao: DaoRecord,
  params: ProposalParameters & ProposalScanOptions,
): Promise<CreatedProposal> {
  let ref: bigint;
  try {
    ref = BigInt(String(params.proposal).trim().replace(/^#/, ""));
  } catch {
    throw new ProposalNotFoundError(`"${params.proposal}" is not a proposal number (1, 2, 3...) or id.`);
  }
  const events = await proposalEvents(context, dao, params);
  const found = events.find((e) => e.number === ref) ?? events.find((e) => hashOf(e) === ref);
  if (!found) {
    throw new ProposalNotFoundError(
      events.length === 0
        ? `${dao.name}'s DAO has no proposals yet.`
        : `${dao.name}'s DAO has no proposal ${params.proposal}: its proposals are numbered 1 to ${events.length}.`,
    );
  }
  return found;
}

/** A proposal with its state, votes, quorum, dates and calls in words. */
export async function readProposal(
  context: GovernanceContext,
  dao: DaoRecord,
  event: CreatedProposal,
): Promise<ProposalView> {
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const id = event.number;
  const [state, votes, eta, quorum, actions] = await Promise.all([
    io.read(() => governor.state(id)),
    io.read(() => governor.proposalVotes(id)),
    io.read(() => governor.proposalEta(id)),
    quorumAt(context, dao, governor, event.voteStart),
    decodeActions(
      context,
      dao,
      event.targets.map((to, i) => ({ to, data: event.calldatas[i], value: event.values[i] })),
    ),
  ]);
  const tally: ProposalVotes = { against: votes[0], for: votes[1], abstain: votes[2] };
  const description = event.description;
  const title =
    description
      .split("\n")
      .map((line) => line.replace(/^#+\s*/, "").trim())
      .find((line) => line.length > 0) ?? "";
  return {
    number: id,
    hash: hashOf(event),
    proposer: event.proposer,
    state: PROPOSAL_STATES[Number(state)],
    description,
    title,
    actions,
    votes: tally,
    quorum,
    quorumReached: tally.for + tally.abstain >= quorum,
    snapshot: new Date(Number(event.voteStart) * 1000),
    deadline: new Date(Number(event.voteEnd) * 1000),
    eta: eta > 0n ? new Date(Number(eta) * 1000) : undefined,
    blockNumber: event.blockNumber,
    targets: event.targets,
    values: event.values,
    calldatas: event.calldatas,
    descriptionHash: keccakText(description),
  };
}

/** The quorum at the snapshot; before the snapshot, what it would be with today's supply and quorum. */
async function quorumAt(
  context: GovernanceContext,
  dao: DaoRecord,
  governor: ModelGovernor,
  snapshot: bigint,
): Promise<bigint> {
  if (BigInt(await chainNow(context)) > snapshot) return io.read(() => governor.quorum(snapshot));
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const [supply, numerator, denominator] = await io.read(() =>
    Promise.all([token.totalSupply(), governor["quorumNumerator()"](), governor.quorumDenominator()]),
  );
  return (supply * numerator) / denominator;
}

/** Where a proposal stands after a step (queued, executed, cancelled) on the governor at `governorAddress`. */
export async function step(
  context: GovernanceContext,
  governorAddress: string,
  number: bigint,
): Promise<ProposalStepResult> {
  const governor = ModelGovernor__factory.connect(governorAddress, context.runner);
  const [state, eta] = await io.read(() => Promise.all([governor.state(number), governor.proposalEta(number)]));
  return {
    proposal: number,
    state: PROPOSAL_STATES[Number(state)],
    eta: eta > 0n ? new Date(Number(eta) * 1000) : undefined,
  };
}

/** Why a proposal cannot be `what` ("queued", "executed") in its state, in words. */
export function stateError(proposal: ProposalView, what: string, needed: ProposalStateName[]): SdkError {
  const n = proposal.number;
  switch (proposal.state) {
    case "pending":
      return new VotingNotOpenError(
        `Proposal ${n} cannot be ${what}: voting opens only at ${iso(proposal.snapshot)} and closes at ${iso(proposal.deadline)}.`,
      );
    case "active":
      return new ProposalStateError(
        `Proposal ${n} cannot be ${what} yet: voting is open until ${iso(proposal.deadline)}.`,
      );
    case "defeated":
      return new ProposalDefeatedError(
        proposal.quorumReached
          ? `Proposal ${n} was defeated: ${formatAmount(proposal.votes.against, 18)} against, ${formatAmount(proposal.votes.for, 18)} for.`
          : `Proposal ${n} was defeated: quorum not reached (${formatAmount(proposal.votes.for + proposal.votes.abstain, 18)} of the ${formatAmount(proposal.quorum, 18)} votes needed, for and abstain).`,
      );
    case "succeeded":
      return new ProposalStateError(
        `Proposal ${n} passed but is not queued yet: queue it first (npx hardhat gov queue).`,
      );
    case "queued":
      return new ProposalStateError(
        `Proposal ${n} is queued already${proposal.eta ? `: it can be executed from ${iso(proposal.eta)}` : ""}.`,
      );
    case "executed":
      return new ProposalStateError(`Proposal ${n} was executed already.`);
    case "canceled":
      return new ProposalStateError(`Proposal ${n} was cancelled.`);
    case "expired":
      return new ProposalStateError(`Proposal ${n} expired.`);
    default:
      return new ProposalStateError(
        `Proposal ${n} is ${proposal.state}, but must be ${needed.join(" or ")} to be ${what}.`,
      );
  }
}

/** A proposal's hash id, as the governor computes it. */
export function hashOf(event: CreatedProposal): bigint {
  return proposalHash(event.targets, event.values, event.calldatas, keccakText(event.description));
}

/** `hashProposal` of OpenZeppelin's Governor, computed locally. */
export function proposalHash(
  targets: string[],
  values: bigint[],
  calldatas: string[],
  descriptionHash: string,
): bigint {
  return BigInt(
    keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["address[]", "uint256[]", "bytes[]", "bytes32"],
        [targets, values, calldatas, descriptionHash],
      ),
    ),
  );
}
