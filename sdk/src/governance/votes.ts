import {
  getAddress,
  Signature,
  verifyTypedData,
  type ContractTransaction,
  type Signer,
  type TypedDataField,
} from "ethers";

import { ModelGovernor__factory, ModelToken__factory, type ModelGovernor } from "../contracts.js";
import { SdkError } from "../errors.js";
import { accountOrSigner, address, addressOr, signerAddress } from "../module.js";
import type { DelegationView } from "../offering/types.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import {
  AlreadyVotedError,
  InvalidSignedVoteError,
  NoVotingPowerError,
  VotingClosedError,
  VotingNotOpenError,
} from "./errors.js";
import { chainNow, findDao, io, iso, wait, type DaoRecord } from "./internal.js";
import { findProposal, readProposal, VOTE_SUPPORT } from "./proposals.js";
import type {
  GovernanceContext,
  ProposalParameters,
  ProposalView,
  SignedVote,
  VoteResult,
  VoteSupport,
} from "./types.js";

// Votes in a DAO: delegating them (tokens vote only once delegated), casting one, signing one off chain for
// anyone to relay, and relaying it. Each write also comes as `prepare...`, which checks what the chain would
// refuse and builds the transaction without sending it.

/** Parameters of {@link prepareDelegateVotes} and {@link delegateVotes}. */
export interface DelegateVotesParameters {
  /** A launched model's slug or id, or `"protocol"` for the protocol DAO. */
  model: ModelRef;
  /** Who votes with the signer's tokens; the signer itself by default (tokens vote only once delegated). */
  to?: string;
}

/**
 * Builds a delegation of the signer's votes in a DAO without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareDelegateVotes({ model: "face-landmark-68", to: safe });
 */
export async function prepareDelegateVotes(
  context: GovernanceContext,
  params: DelegateVotesParameters,
): Promise<ContractTransaction> {
  const dao = await findDao(context, params.model);
  const to = await accountOrSigner(context, params.to, "Delegating", "to");
  // The protocol token has the same ERC-5805 functions as a model token.
  return ModelToken__factory.connect(dao.token, context.runner).delegate.populateTransaction(to);
}

/**
 * Delegates the signer's votes in a DAO (a model's, or the protocol's), to itself by default: held tokens count
 * as votes only once delegated, and only from the moment of delegation on; or to someone who votes for it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.governance.delegateVotes({ model: "face-landmark-68" });
 * console.log(`${result.delegate} now has ${result.votes} votes`);
 */
export async function delegateVotes(
  context: GovernanceContext,
  params: DelegateVotesParameters,
): Promise<WriteResult<DelegationView>> {
  const account = await signerAddress(context, "Delegating");
  const to = addressOr(params.to, account, "to");
  const transaction = await prepareDelegateVotes(context, { model: params.model, to });
  const receipt = await io.send(context, transaction, "Delegating");
  const votes = await io.read(() => ModelToken__factory.connect(transaction.to, context.runner).getVotes(to));
  return { receipt, result: { account, delegate: to, votes } };
}

/** Parameters of {@link prepareVote}, {@link vote} and {@link signVote}. */
export interface VoteParameters extends ProposalParameters {
  support: VoteSupport;
  /** Why, recorded on chain with the vote. */
  reason?: string;
}

/**
 * Builds the signer's vote (or, with a read-only runner, `account`'s) without sending it. Refused when voting is
 * not open (with the dates), the voter voted already, or had no votes at the proposal's snapshot.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareVote({ model: "face-landmark-68", proposal: 1, support: "for", account: safe });
 */
export async function prepareVote(
  context: GovernanceContext,
  params: VoteParameters & { account?: string },
): Promise<ContractTransaction> {
  const dao = await findDao(context, params.model);
  const voter = await accountOrSigner(context, params.account, "Voting");
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  await checkVote(context, dao, proposal, voter);
  const support = supportOf(params.support);
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  return params.reason
    ? governor.castVoteWithReason.populateTransaction(proposal.number, support, params.reason)
    : governor.castVote.populateTransaction(proposal.number, support);
}

/**
 * Casts the signer's vote: for, against or abstain, with an optional reason. Refused before sending when
 * voting is not open (with the dates), the signer voted already, or has no votes at the proposal's snapshot.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.governance.vote({ model: "face-landmark-68", proposal: 1, support: "for" });
 */
export async function vote(context: GovernanceContext, params: VoteParameters): Promise<WriteResult<VoteResult>> {
  return sendVote(context, await prepareVote(context, params), "Voting");
}

/**
 * Signs the signer's vote off chain (EIP-712 `Ballot`, or `ExtendedBallot` with a reason) for anyone to submit
 * with {@link relayVote}; the voter pays no gas. The signature carries the voter's current nonce in the
 * governor, so it counts once.
 *
 * @example
 * import { writeFile } from "node:fs/promises";
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const signed = await client.governance.signVote({ model: "face-landmark-68", proposal: 1, support: "for" });
 * await writeFile("vote.json", JSON.stringify(signed, null, 2));
 */
export async function signVote(context: GovernanceContext, params: VoteParameters): Promise<SignedVote> {
  const dao = await findDao(context, params.model);
  const signer = context.runner as Partial<Signer>;
  if (typeof signer.signTypedData !== "function")
    throw new SdkError("Signing a vote needs a signer: connect the client to one.");
  const voter = await signerAddress(context, "Signing a vote");
  const proposal = await readProposal(context, dao, await findProposal(context, dao, params));
  await checkVote(context, dao, proposal, voter, { allowPending: true });
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [nonce, domain] = await io.read(() => Promise.all([governor.nonces(voter), ballotDomain(governor)]));
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
 * Builds the relay of a vote its voter signed with {@link signVote}, without sending it. Refused when the
 * signature is not the voter's, was used already, or voting is not open.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareRelayVote(JSON.parse(await readFile("vote.json", "utf8")));
 */
export async function prepareRelayVote(context: GovernanceContext, signed: SignedVote): Promise<ContractTransaction> {
  const checked = checkSignedVote(signed);
  const dao = await findDao(context, checked.model);
  if (getAddress(dao.governor) !== checked.governor) {
    throw new InvalidSignedVoteError(
      `The vote was signed for the governor ${checked.governor}, not ${dao.name}'s (${dao.governor}).`,
    );
  }
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [nonce, domain] = await io.read(() => Promise.all([governor.nonces(checked.voter), ballotDomain(governor)]));
  if (domain.chainId.toString() !== checked.chainId) {
    throw new InvalidSignedVoteError(
      `The vote was signed for chain ${checked.chainId}, not this one (${domain.chainId}).`,
    );
  }
  const { types, message } = ballot(
    BigInt(checked.proposal),
    checked.support,
    checked.voter,
    BigInt(checked.nonce),
    checked.reason,
  );
  if (getAddress(verifyTypedData(domain, types, message, checked.signature)) !== checked.voter) {
    throw new InvalidSignedVoteError(
      `The signature is not ${checked.voter}'s vote ${checked.support} on proposal ${checked.proposal}.`,
    );
  }
  const proposal = await readProposal(
    context,
    dao,
    await findProposal(context, dao, { model: dao.model, proposal: checked.proposal }),
  );
  if (BigInt(checked.nonce) !== nonce) {
    const voted = await io.read(() => governor.hasVoted(proposal.number, checked.voter));
    throw new AlreadyVotedError(
      voted
        ? `${checked.voter} has voted on proposal ${proposal.number} already: this signed vote was relayed before.`
        : `The signed vote carries ${checked.voter}'s nonce ${checked.nonce}, but the governor expects ${nonce}: it was used already, or signed out of order. Sign it again.`,
    );
  }
  await checkVote(context, dao, proposal, checked.voter);
  const support = supportOf(checked.support);
  return checked.reason
    ? governor.castVoteWithReasonAndParamsBySig.populateTransaction(
        proposal.number,
        support,
        checked.voter,
        checked.reason,
        "0x",
        checked.signature,
      )
    : governor.castVoteBySig.populateTransaction(proposal.number, support, checked.voter, checked.signature);
}

/**
 * Submits a vote that its voter signed with {@link signVote}; anyone may, and pays the gas. Refused before
 * sending when the signature is not the voter's, was used already, or voting is not open.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const signed = JSON.parse(await readFile("vote.json", "utf8"));
 * await client.governance.relayVote(signed);
 */
export async function relayVote(context: GovernanceContext, signed: SignedVote): Promise<WriteResult<VoteResult>> {
  return sendVote(context, await prepareRelayVote(context, signed), "Relaying a vote");
}

/** Sends a vote built on the governor and reads it back: the vote from its event, the tally after it. */
async function sendVote(
  context: GovernanceContext,
  transaction: ContractTransaction,
  what: string,
): Promise<WriteResult<VoteResult>> {
  const receipt = await io.send(context, transaction, what);
  const { args } = io.findEvent(receipt, transaction.to, "VoteCast");
  const proposal = args.proposalId as bigint;
  const votes = await io.read(() =>
    ModelGovernor__factory.connect(transaction.to, context.runner).proposalVotes(proposal),
  );
  return {
    receipt,
    result: {
      proposal,
      voter: args.voter as string,
      support: VOTE_SUPPORT[Number(args.support)],
      weight: args.weight as bigint,
      reason: args.reason as string,
      votes: { against: votes[0], for: votes[1], abstain: votes[2] },
    },
  };
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
  if (await io.read(() => governor.hasVoted(proposal.number, voter))) {
    throw new AlreadyVotedError(`${voter} has voted on proposal ${proposal.number} already.`);
  }
  if (proposal.state === "pending") return 0n;
  const weight = await io.read(() => governor.getVotes(voter, proposal.snapshot.getTime() / 1000));
  if (weight === 0n) {
    throw new NoVotingPowerError(
      `${voter} had no votes in ${dao.name}'s DAO at proposal ${proposal.number}'s snapshot (${iso(proposal.snapshot)}): delegate first (npx hardhat gov delegate ${dao.slug}); votes delegated later count on later proposals.`,
    );
  }
  return weight;
}

function checkSignedVote(signed: SignedVote): SignedVote & { model: string } {
  const problem = (what: string) => new InvalidSignedVoteError(`The signed vote is not valid: ${what}.`);
  if (!signed || typeof signed !== "object") throw problem("it is not an object");
  for (const key of ["chainId", "governor", "model", "proposal", "support", "voter", "nonce", "signature"] as const) {
    if (typeof signed[key] !== "string" || !signed[key]) throw problem(`"${key}" is missing`);
  }
  if (!VOTE_SUPPORT.includes(signed.support))
    throw problem(`"support" must be for, against or abstain, not "${signed.support}"`);
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

async function ballotDomain(
  governor: ModelGovernor,
): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }> {
  const domain = await governor.eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

/** OpenZeppelin Governor's EIP-712 `Ballot`; an `ExtendedBallot` adds the reason and the vote's parameters. */
const BALLOT: TypedDataField[] = [
  { name: "proposalId", type: "uint256" },
  { name: "support", type: "uint8" },
  { name: "voter", type: "address" },
  { name: "nonce", type: "uint256" },
];

function ballot(
  proposal: bigint,
  support: VoteSupport,
  voter: string,
  nonce: bigint,
  reason?: string,
): { types: Record<string, TypedDataField[]>; message: Record<string, unknown> } {
  const base = { proposalId: proposal, support: supportOf(support), voter, nonce };
  if (!reason) return { types: { Ballot: BALLOT }, message: base };
  const extended = [...BALLOT, { name: "reason", type: "string" }, { name: "params", type: "bytes" }];
  return { types: { ExtendedBallot: extended }, message: { ...base, reason, params: "0x" } };
}

function supportOf(support: VoteSupport): number {
  const index = VOTE_SUPPORT.indexOf(support);
  if (index < 0) throw new SdkError(`A vote is for, against or abstain, not "${support}".`);
  return index;
}
