import { AbiCoder, getAddress, id as keccakText, keccak256, Signature, verifyTypedData, type ContractTransaction, type LogDescription, type Signer, type TypedDataField } from "ethers";

import { ModelGovernor__factory, ModelTimelock__factory, ModelToken__factory, type ModelGovernor } from "../contracts.js";
import { launchScanStart, type ProtocolContext } from "../context.js";
import { SdkError } from "../errors.js";
import { scanLogs } from "../logs.js";
import { formatAmount } from "../offering/actions.js";
import type { DelegationView } from "../offering/types.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";
import { decodeActions } from "./decode.js";
import { chainNow, findDao, governorInterface, proposalsOpen, read, send, signerAddress, address, type DaoRecord } from "./dao.js";
import {
  AlreadyVotedError,
  BelowProposalThresholdError,
  InvalidSignedVoteError,
  NoVotingPowerError,
  ProposalDefeatedError,
  ProposalNotFoundError,
  ProposalStateError,
  ProposalsNotOpenError,
  TimelockNotReadyError,
  VotingClosedError,
  VotingNotOpenError,
} from "./errors.js";
import type {
  DaoView,
  ProposalParameters,
  ProposalStateName,
  ProposalStepResult,
  ProposalView,
  ProposalVotes,
  ProposeResult,
  SignedVote,
  VoteResult,
  VoteSupport,
} from "./types.js";

export * from "./builders.js";
export { PROTOCOL_DAO } from "./dao.js";
export * from "./errors.js";
export type * from "./types.js";

/** What the governance actions work with. */
export type GovernanceContext = ProtocolContext;

/** OpenZeppelin's proposal states, in the order of `IGovernor.ProposalState`. */
export const PROPOSAL_STATES: readonly ProposalStateName[] = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"];

/** Simple counting's vote types, in the order the governor numbers them. */
export const VOTE_SUPPORT: readonly VoteSupport[] = ["against", "for", "abstain"];

/** Where and how proposals are read from the governor's events. */
export interface ProposalScanOptions {
  /** The first block to read events from; the launch factory's deployment block by default. */
  fromBlock?: number;
  /** Blocks per `eth_getLogs` request (`LOG_SCAN_BLOCKS` by default). */
  blockRange?: number;
}

// ---------------------------------------------------------------------------------------------- reads

/**
 * A launched model's DAO (or, for `"protocol"`, the protocol DAO that owns the launch factory): its governor,
 * timelock and token, and its rules now.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const dao = await client.governance.getDao("face-landmark-68");
 * console.log(dao.votingPeriod, dao.quorumNumerator);
 */
export async function getDao(context: GovernanceContext, model: ModelRef): Promise<DaoView> {
  const dao = await findDao(context, model);
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const timelock = ModelTimelock__factory.connect(dao.timelock, context.runner);
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const opening = await proposalsOpen(context, dao, await chainNow(context));
  const [votingDelay, votingPeriod, threshold, numerator, denominator, delay, count, symbol] = await read(() =>
    Promise.all([
      governor.votingDelay(),
      governor.votingPeriod(),
      governor.proposalThreshold(),
      governor["quorumNumerator()"](),
      governor.quorumDenominator(),
      timelock.getMinDelay(),
      governor.latestProposalId(),
      token.symbol(),
    ]),
  );
  return {
    ...dao,
    tokenSymbol: symbol,
    votingDelay: Number(votingDelay),
    votingPeriod: Number(votingPeriod),
    proposalThreshold: threshold,
    quorumNumerator: numerator,
    quorumDenominator: denominator,
    timelockDelay: Number(delay),
    proposalCount: Number(count),
    proposalsOpen: opening.open,
    proposalsOpenAt: opening.at,
  };
}

/**
 * Every proposal of a model's DAO, oldest first: state, votes, quorum, dates, and its calls decoded. Proposals
 * are found from the governor's `ProposalCreated` events, read in chunks from the launch factory's deployment
 * block; their state is read in one batch.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * for (const p of await client.governance.listProposals("face-landmark-68")) console.log(p.number, p.state, p.title);
 */
export async function listProposals(context: GovernanceContext, model: ModelRef, options: ProposalScanOptions = {}): Promise<ProposalView[]> {
  const dao = await findDao(context, model);
  const created = await proposalEvents(context, dao, options);
  return Promise.all(created.map((event) => readProposal(context, dao, event)));
}

/**
 * One proposal of a model's DAO, by its number (1, 2, 3...) or its full hash id.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const p = await client.governance.getProposal({ model: "face-landmark-68", proposal: 1 });
 * for (const action of p.actions) console.log(action.description);
 */
export async function getProposal(context: GovernanceContext, params: ProposalParameters & ProposalScanOptions): Promise<ProposalView> {
  const dao = await findDao(context, params.model);
  return readProposal(context, dao, await findProposal(context, dao, params));
}

// --------------------------------------------------------------------------------------------- writes

/** Parameters of {@link preparePropose} and {@link propose}. */
export interface ProposeParameters {
  model: ModelRef;
  /** The calls, as the builders return them (`{ to, data, value, description }`). */
  calls: DaoCall[];
  /** The proposal's text (markdown); its first line is its title. */
  description: string;
}

/**
 * Builds a proposal without sending it, after checking that the signer has enough votes to propose.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.governance.preparePropose({ model: "face-landmark-68", calls, description: "# Grant" });
 */
export async function preparePropose(context: GovernanceContext, params: ProposeParameters): Promise<ContractTransaction> {
  const dao = await findDao(context, params.model);
  return proposeTransaction(context, dao, params);
}

/**
 * Submits a proposal to a model's DAO. Refused before sending when the signer has no votes ("delegate first")
 * or fewer than the proposal threshold. Returns its number (1, 2, 3...), its hash id, and its voting window.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSendEth({ model: "face-landmark-68", to: grantee, amount: "1" });
 * const { result } = await client.governance.propose({ model: "face-landmark-68", calls: [call], description: "# Grant\n..." });
 * console.log(`proposal ${result.number} opens at ${result.snapshot}`);
 */
export async function propose(context: GovernanceContext, params: ProposeParameters): Promise<WriteResult<ProposeResult>> {
  const dao = await findDao(context, params.model);
  const transaction = await proposeTransaction(context, dao, params);
  const receipt = await send(context, transaction, "Proposing");
  const event = receipt.logs
    .filter((log) => getAddress(log.address) === getAddress(dao.governor))
    .map((log) => governorInterface.parseLog(log))
    .find((parsed): parsed is LogDescription => parsed?.name === "ProposalCreated");
  if (!event) throw new SdkError(`The transaction ${receipt.hash} succeeded but created no proposal.`);
  const calls = params.calls.map((c) => ({ to: c.to, data: c.data, value: c.value }));
  return {
    receipt,
    result: {
      number: event.args.proposalId as bigint,
      hash: proposalHash(calls.map((c) => c.to), calls.map((c) => c.value), calls.map((c) => c.data), keccakText(params.description)),
      proposer: event.args.proposer as string,
      snapshot: new Date(Number(event.args.voteStart) * 1000),
      deadline: new Date(Number(event.args.voteEnd) * 1000),
      actions: await decodeActions(context, dao, calls),
    },
  };
}

/** Parameters of {@link vote} and {@link signVote}. */
export interface VoteParameters extends ProposalParameters {
  support: VoteSupport;
  /** Why, recorded on chain with the vote. */
  reason?: string;
}

/**
 * Casts the signer's vote: for, against or abstain, with an optional reason. Refused before sending when
 * voting is not open (with the dates), the signer voted already, or has no votes at the proposal's snapshot.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.governance.vote({ model: "face-landmark-68", proposal: 1, support: "for" });
 */
export async function vote(context: GovernanceContext, params: VoteParameters): Promise<WriteResult<VoteResult>> {
  const dao = await findDao(context, params.model);
  const voter = await signerAddress(context, "Voting");
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  const weight = await checkVote(context, dao, proposal, voter);
  const support = supportOf(params.support);
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const transaction = params.reason
    ? await governor.castVoteWithReason.populateTransaction(proposal.number, support, params.reason)
    : await governor.castVote.populateTransaction(proposal.number, support);
  const receipt = await send(context, transaction, "Voting");
  return { receipt, result: await voteResult(context, dao, proposal.number, voter, params, weight) };
}

/**
 * Signs the signer's vote off chain (EIP-712 `Ballot`, or `ExtendedBallot` with a reason) for anyone to submit
 * with {@link relayVote}; the voter pays no gas. The signature carries the voter's current nonce in the
 * governor, so it counts once.
 *
 * @example
 * import { writeFile } from "node:fs/promises";
 * import { createClient } from "open-model-registry/sdk";
 * const signed = await client.governance.signVote({ model: "face-landmark-68", proposal: 1, support: "for" });
 * await writeFile("vote.json", JSON.stringify(signed, null, 2));
 */
export async function signVote(context: GovernanceContext, params: VoteParameters): Promise<SignedVote> {
  const dao = await findDao(context, params.model);
  const signer = context.runner as Partial<Signer>;
  if (typeof signer.signTypedData !== "function") throw new SdkError("Signing a vote needs a signer: connect the client to one.");
  const voter = await signerAddress(context, "Signing a vote");
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  await checkVote(context, dao, proposal, voter, { allowPending: true });
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [nonce, domain] = await read(() => Promise.all([governor.nonces(voter), ballotDomain(governor)]));
  const { types, message } = ballot(proposal.number, params.support, voter, nonce, params.reason);
  const signature = await signer.signTypedData(domain, types, message);
  return {
    chainId: domain.chainId.toString(),
    governor: dao.governor,
    model: dao.slug,
    proposal: proposal.number.toString(),
    support: params.support,
    voter,
    nonce: nonce.toString(),
    ...(params.reason ? { reason: params.reason } : {}),
    signature,
  };
}

/**
 * Submits a vote that its voter signed with {@link signVote}; anyone may, and pays the gas. Refused before
 * sending when the signature is not the voter's, was used already, or voting is not open.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import { createClient } from "open-model-registry/sdk";
 * const signed = JSON.parse(await readFile("vote.json", "utf8"));
 * await client.governance.relayVote(signed);
 */
export async function relayVote(context: GovernanceContext, signed: SignedVote): Promise<WriteResult<VoteResult>> {
  const checked = checkSignedVote(signed);
  const dao = await findDao(context, checked.model);
  if (getAddress(dao.governor) !== checked.governor) {
    throw new InvalidSignedVoteError(`The vote was signed for the governor ${checked.governor}, not ${dao.name}'s (${dao.governor}).`);
  }
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [nonce, domain] = await read(() => Promise.all([governor.nonces(checked.voter), ballotDomain(governor)]));
  if (domain.chainId.toString() !== checked.chainId) {
    throw new InvalidSignedVoteError(`The vote was signed for chain ${checked.chainId}, not this one (${domain.chainId}).`);
  }
  const { types, message } = ballot(BigInt(checked.proposal), checked.support, checked.voter, BigInt(checked.nonce), checked.reason);
  if (getAddress(verifyTypedData(domain, types, message, checked.signature)) !== checked.voter) {
    throw new InvalidSignedVoteError(`The signature is not ${checked.voter}'s vote ${checked.support} on proposal ${checked.proposal}.`);
  }
  const proposal = await readProposal(context, dao, await findProposal(context, dao, { model: dao.model, proposal: checked.proposal }));
  if (BigInt(checked.nonce) !== nonce) {
    const voted = await read(() => governor.hasVoted(proposal.number, checked.voter));
    throw new AlreadyVotedError(
      voted
        ? `${checked.voter} has voted on proposal ${proposal.number} already: this signed vote was relayed before.`
        : `The signed vote carries ${checked.voter}'s nonce ${checked.nonce}, but the governor expects ${nonce}: it was used already, or signed out of order. Sign it again.`,
    );
  }
  const weight = await checkVote(context, dao, proposal, checked.voter);
  const support = supportOf(checked.support);
  const transaction = checked.reason
    ? await governor.castVoteWithReasonAndParamsBySig.populateTransaction(proposal.number, support, checked.voter, checked.reason, "0x", checked.signature)
    : await governor.castVoteBySig.populateTransaction(proposal.number, support, checked.voter, checked.signature);
  const receipt = await send(context, transaction, "Relaying a vote");
  return { receipt, result: await voteResult(context, dao, proposal.number, checked.voter, checked, weight) };
}

/**
 * Queues a proposal that passed in the DAO's timelock; it can be executed once the timelock's delay has
 * passed. Refused before sending, with the reason, when the proposal did not pass or is still voting.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.governance.queueProposal({ model: "face-landmark-68", proposal: 1 });
 * console.log(`executable from ${result.eta}`);
 */
export async function queueProposal(context: GovernanceContext, params: ProposalParameters): Promise<WriteResult<ProposalStepResult>> {
  const dao = await findDao(context, params.model);
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  if (proposal.state !== "succeeded") throw stateError(proposal, "queued", ["succeeded"]);
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const transaction = await governor.queue.populateTransaction(proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash);
  const receipt = await send(context, transaction, "Queuing");
  return { receipt, result: await step(context, dao, proposal.number) };
}

/**
 * Executes a queued proposal once its timelock delay has passed; anyone may. Refused before sending with the
 * ETA when it is not ready, or with the reason when it is not queued.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.governance.executeProposal({ model: "face-landmark-68", proposal: 1 });
 */
export async function executeProposal(context: GovernanceContext, params: ProposalParameters): Promise<WriteResult<ProposalStepResult>> {
  const dao = await findDao(context, params.model);
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  if (proposal.state !== "queued") throw stateError(proposal, "executed", ["queued"]);
  const now = await chainNow(context);
  if (proposal.eta && proposal.eta.getTime() / 1000 > now) {
    throw new TimelockNotReadyError(
      `Proposal ${proposal.number} is queued but the timelock lets it run only from ${iso(proposal.eta)}, in ${wait(proposal.eta.getTime() / 1000 - now)}.`,
    );
  }
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  // Calls carrying ETH are paid from the timelock's balance: nothing is sent with the transaction itself.
  const transaction = await governor.execute.populateTransaction(proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash);
  const receipt = await send(context, transaction, "Executing");
  return { receipt, result: await step(context, dao, proposal.number) };
}

/**
 * Cancels a proposal: its proposer may, while it is pending (before voting opens).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.governance.cancelProposal({ model: "face-landmark-68", proposal: 2 });
 */
export async function cancelProposal(context: GovernanceContext, params: ProposalParameters): Promise<WriteResult<ProposalStepResult>> {
  const dao = await findDao(context, params.model);
  const account = await signerAddress(context, "Cancelling");
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  if (proposal.state !== "pending") throw stateError(proposal, "cancelled", ["pending"]);
  if (getAddress(proposal.proposer) !== account) {
    throw new ProposalStateError(`Only proposal ${proposal.number}'s proposer, ${proposal.proposer}, may cancel it (while it is pending).`);
  }
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const transaction = await governor.cancel.populateTransaction(proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash);
  const receipt = await send(context, transaction, "Cancelling");
  return { receipt, result: await step(context, dao, proposal.number) };
}

/** Parameters of {@link delegateVotes}. */
export interface GovernanceDelegateParameters {
  /** A launched model's slug or id, or `"protocol"` for the protocol DAO. */
  model: ModelRef;
  /** Who votes with the signer's tokens; the signer itself by default. */
  to?: string;
}

/**
 * Delegates the signer's votes in a model's DAO (to itself by default): held tokens count as votes only once
 * delegated, and only from the moment of delegation on.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.governance.delegateVotes({ model: "face-landmark-68" });
 */
export async function delegateVotes(context: GovernanceContext, params: GovernanceDelegateParameters): Promise<WriteResult<DelegationView>> {
  const dao = await findDao(context, params.model);
  const account = await signerAddress(context, "Delegating");
  const to = params.to === undefined ? account : address(params.to, "to");
  // The protocol token has the same ERC-5805 functions as a model token.
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const receipt = await send(context, await token.delegate.populateTransaction(to), "Delegating");
  return { receipt, result: { account, delegate: to, votes: await read(() => token.getVotes(to)) } };
}

// ------------------------------------------------------------------------------------------- helpers

interface CreatedProposal {
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

async function proposalEvents(context: GovernanceContext, dao: DaoRecord, options: ProposalScanOptions): Promise<CreatedProposal[]> {
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

async function findProposal(
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

async function readProposal(context: GovernanceContext, dao: DaoRecord, event: CreatedProposal): Promise<ProposalView> {
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const id = event.number;
  const [state, votes, eta, quorum, actions] = await Promise.all([
    read(() => governor.state(id)),
    read(() => governor.proposalVotes(id)),
    read(() => governor.proposalEta(id)),
    quorumAt(context, dao, governor, event.voteStart),
    decodeActions(
      context,
      dao,
      event.targets.map((to, i) => ({ to, data: event.calldatas[i], value: event.values[i] })),
    ),
  ]);
  const tally: ProposalVotes = { against: votes[0], for: votes[1], abstain: votes[2] };
  const description = event.description;
  const title = description.split("\n").map((line) => line.replace(/^#+\s*/, "").trim()).find((line) => line.length > 0) ?? "";
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
async function quorumAt(context: GovernanceContext, dao: DaoRecord, governor: ModelGovernor, snapshot: bigint): Promise<bigint> {
  if (BigInt(await chainNow(context)) > snapshot) return read(() => governor.quorum(snapshot));
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const [supply, numerator, denominator] = await read(() =>
    Promise.all([token.totalSupply(), governor["quorumNumerator()"](), governor.quorumDenominator()]),
  );
  return (supply * numerator) / denominator;
}

async function proposeTransaction(context: GovernanceContext, dao: DaoRecord, params: ProposeParameters): Promise<ContractTransaction> {
  if (params.calls.length === 0) throw new SdkError("A proposal needs at least one call.");
  if (!params.description.trim()) throw new SdkError("A proposal needs a description: its first line is its title.");
  const proposer = await signerAddress(context, "Proposing");
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const now = await chainNow(context);
  const opening = await proposalsOpen(context, dao, now);
  if (!opening.open) {
    throw new ProposalsNotOpenError(
      `${dao.name}'s DAO takes proposals from the end of its sale, ${iso(opening.at!)} (in ${wait(opening.at!.getTime() / 1000 - now)}).`,
      { details: "Until then only the team's vesting wallets could vote; from the sale's end, every buyer settles and delegates during the voting delay and votes on every proposal." },
    );
  }
  // The governor counts the proposer's votes one second back on the token's clock.
  const [power, threshold, symbol, balance] = await read(() =>
    Promise.all([token.getPastVotes(proposer, now - 1), governor.proposalThreshold(), token.symbol(), token.balanceOf(proposer)]),
  );
  if (power < threshold) {
    if (power === 0n) {
      throw new NoVotingPowerError(
        `${proposer} has no votes in ${dao.name}'s DAO and needs ${formatAmount(threshold, 18)} ${symbol} of votes to propose: delegate first (npx hardhat gov delegate ${dao.slug}).`,
        { details: balance > 0n ? `It holds ${formatAmount(balance, 18)} ${symbol}, which vote only once delegated.` : undefined },
      );
    }
    throw new BelowProposalThresholdError(
      `${proposer} has ${formatAmount(power, 18)} ${symbol} of votes, below the ${formatAmount(threshold, 18)} needed to propose in ${dao.name}'s DAO.`,
      { details: "Gather more delegated votes, or ask a holder above the threshold to propose." },
    );
  }
  return governor.propose.populateTransaction(
    params.calls.map((c) => c.to),
    params.calls.map((c) => c.value),
    params.calls.map((c) => c.data),
    params.description,
  );
}

async function checkVote(
  context: GovernanceContext,
  dao: DaoRecord,
  proposal: ProposalView,
  voter: string,
  options: { allowPending?: boolean } = {},
): Promise<bigint> {
  const now = await chainNow(context);
  if (proposal.state === "pending" && !options.allowPending) {
    throw new VotingNotOpenError(
      `Voting on proposal ${proposal.number} opens at ${iso(proposal.snapshot)}, in ${wait(proposal.snapshot.getTime() / 1000 - now)}, and closes at ${iso(proposal.deadline)}.`,
    );
  }
  if (proposal.state !== "active" && proposal.state !== "pending") {
    throw new VotingClosedError(
      `Voting on proposal ${proposal.number} closed at ${iso(proposal.deadline)}: it is ${proposal.state}.`,
    );
  }
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  if (await read(() => governor.hasVoted(proposal.number, voter))) {
    throw new AlreadyVotedError(`${voter} has voted on proposal ${proposal.number} already.`);
  }
  if (proposal.state === "pending") return 0n;
  const weight = await read(() => governor.getVotes(voter, proposal.snapshot.getTime() / 1000));
  if (weight === 0n) {
    throw new NoVotingPowerError(
      `${voter} had no votes in ${dao.name}'s DAO at proposal ${proposal.number}'s snapshot (${iso(proposal.snapshot)}): delegate first (npx hardhat gov delegate ${dao.slug}); votes delegated later count on later proposals.`,
    );
  }
  return weight;
}

async function voteResult(
  context: GovernanceContext,
  dao: DaoRecord,
  number: bigint,
  voter: string,
  params: { support: VoteSupport; reason?: string },
  weight: bigint,
): Promise<VoteResult> {
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const votes = await read(() => governor.proposalVotes(number));
  return {
    proposal: number,
    voter,
    support: params.support,
    weight,
    reason: params.reason ?? "",
    votes: { against: votes[0], for: votes[1], abstain: votes[2] },
  };
}

async function step(context: GovernanceContext, dao: DaoRecord, number: bigint): Promise<ProposalStepResult> {
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [state, eta] = await read(() => Promise.all([governor.state(number), governor.proposalEta(number)]));
  return { proposal: number, state: PROPOSAL_STATES[Number(state)], eta: eta > 0n ? new Date(Number(eta) * 1000) : undefined };
}

function stateError(proposal: ProposalView, what: string, needed: ProposalStateName[]): SdkError {
  const n = proposal.number;
  switch (proposal.state) {
    case "pending":
      return new VotingNotOpenError(`Proposal ${n} cannot be ${what}: voting opens only at ${iso(proposal.snapshot)} and closes at ${iso(proposal.deadline)}.`);
    case "active":
      return new ProposalStateError(`Proposal ${n} cannot be ${what} yet: voting is open until ${iso(proposal.deadline)}.`);
    case "defeated":
      return new ProposalDefeatedError(
        proposal.quorumReached
          ? `Proposal ${n} was defeated: ${formatAmount(proposal.votes.against, 18)} against, ${formatAmount(proposal.votes.for, 18)} for.`
          : `Proposal ${n} was defeated: quorum not reached (${formatAmount(proposal.votes.for + proposal.votes.abstain, 18)} of the ${formatAmount(proposal.quorum, 18)} votes needed, for and abstain).`,
      );
    case "succeeded":
      return new ProposalStateError(`Proposal ${n} passed but is not queued yet: queue it first (npx hardhat gov queue).`);
    case "queued":
      return new ProposalStateError(`Proposal ${n} is queued already${proposal.eta ? `: it can be executed from ${iso(proposal.eta)}` : ""}.`);
    case "executed":
      return new ProposalStateError(`Proposal ${n} was executed already.`);
    case "canceled":
      return new ProposalStateError(`Proposal ${n} was cancelled.`);
    case "expired":
      return new ProposalStateError(`Proposal ${n} expired.`);
    default:
      return new ProposalStateError(`Proposal ${n} is ${proposal.state}, but must be ${needed.join(" or ")} to be ${what}.`);
  }
}

function checkSignedVote(signed: SignedVote): SignedVote & { model: string } {
  const problem = (what: string) => new InvalidSignedVoteError(`The signed vote is not valid: ${what}.`);
  if (!signed || typeof signed !== "object") throw problem("it is not an object");
  for (const key of ["chainId", "governor", "model", "proposal", "support", "voter", "nonce", "signature"] as const) {
    if (typeof signed[key] !== "string" || !signed[key]) throw problem(`"${key}" is missing`);
  }
  if (!VOTE_SUPPORT.includes(signed.support)) throw problem(`"support" must be for, against or abstain, not "${signed.support}"`);
  if (!/^\d+$/.test(signed.proposal) || !/^\d+$/.test(signed.nonce) || !/^\d+$/.test(signed.chainId)) {
    throw problem('"proposal", "nonce" and "chainId" must be whole numbers');
  }
  try {
    Signature.from(signed.signature);
  } catch {
    throw problem('"signature" is not a 65-byte signature');
  }
  return { ...signed, governor: address(signed.governor, "governor"), voter: address(signed.voter, "voter") };
}

async function ballotDomain(governor: ModelGovernor): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }> {
  const domain = await governor.eip712Domain();
  return { name: domain.name, version: domain.version, chainId: domain.chainId, verifyingContract: domain.verifyingContract };
}

function ballot(
  proposal: bigint,
  support: VoteSupport,
  voter: string,
  nonce: bigint,
  reason?: string,
): { types: Record<string, TypedDataField[]>; message: Record<string, unknown> } {
  const base = { proposalId: proposal, support: supportOf(support), voter, nonce };
  if (reason) {
    return {
      types: {
        ExtendedBallot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
          { name: "reason", type: "string" },
          { name: "params", type: "bytes" },
        ],
      },
      message: { ...base, reason, params: "0x" },
    };
  }
  return {
    types: {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    message: base,
  };
}

function supportOf(support: VoteSupport): number {
  const index = VOTE_SUPPORT.indexOf(support);
  if (index < 0) throw new SdkError(`A vote is for, against or abstain, not "${support}".`);
  return index;
}

function hashOf(event: CreatedProposal): bigint {
  return proposalHash(event.targets, event.values, event.calldatas, keccakText(event.description));
}

/** `hashProposal` of OpenZeppelin's Governor, computed locally. */
function proposalHash(targets: string[], values: bigint[], calldatas: string[], descriptionHash: string): bigint {
  return BigInt(keccak256(AbiCoder.defaultAbiCoder().encode(["address[]", "uint256[]", "bytes[]", "bytes32"], [targets, values, calldatas, descriptionHash])));
}

function iso(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function wait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.ceil(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} days`;
}
