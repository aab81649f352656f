import { getAddress, id as keccakText, type ContractTransaction } from "ethers";

import { formatAmount } from "../amounts.js";
import { type ModelGovernor, ModelGovernor__factory, ModelToken__factory } from "../contracts.js";
import { SdkError } from "../errors.js";
import { accountOrSigner } from "../module.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";
import { decodeActions } from "./decode.js";
import {
  BelowProposalThresholdError,
  NoVotingPowerError,
  ProposalStateError,
  ProposalsNotOpenError,
  TimelockNotReadyError,
} from "./errors.js";
import { chainNow, type DaoRecord, findDao, io, iso, proposalsOpen, wait } from "./internal.js";
import { findProposal, proposalHash, readProposal, stateError, step } from "./proposals.js";
import type {
  GovernanceContext,
  ProposalParameters,
  ProposalStateName,
  ProposalStepResult,
  ProposalView,
  ProposeResult,
} from "./types.js";

// A proposal's life after its votes: proposing it, queuing it in the timelock once it passed, executing it once
// the timelock's delay is over, and cancelling it while it is pending. Each write also comes as `prepare...`,
// which checks what the chain would refuse and builds the transaction without sending it.

/** Parameters of {@link preparePropose} and {@link propose}. */
export interface ProposeParameters {
  model: ModelRef;
  /** The calls, as the builders return them (`{ to, data, value, description }`). */
  calls: DaoCall[];
  /** The proposal's text (markdown); its first line is its title. */
  description: string;
  /** The proposer; the signer by default (with a read-only runner, {@link preparePropose} builds it for this account). */
  account?: string;
}

/**
 * Builds a proposal without sending it, after checking that the proposer (the signer, or `account` with a
 * read-only runner) has enough votes to propose.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.preparePropose({ model: "face-landmark-68", calls, description: "# Grant" });
 */
export async function preparePropose(
  context: GovernanceContext,
  params: ProposeParameters,
): Promise<ContractTransaction> {
  const dao = await findDao(context, params.model);
  if (params.calls.length === 0) throw new SdkError("A proposal needs at least one call.");
  if (!params.description.trim()) throw new SdkError("A proposal needs a description: its first line is its title.");
  const proposer = await accountOrSigner(context, params.account, "Proposing");
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const now = await chainNow(context);
  const opening = await proposalsOpen(context, dao, now);
  if (!opening.open) {
    throw new ProposalsNotOpenError(
      `${dao.name}'s DAO takes proposals from the end of its sale, ${iso(opening.at!)} (in ${wait(opening.at!.getTime() / 1000 - now)}).`,
      {
        details:
          "Until then only the team's vesting wallets could vote; from the sale's end, every buyer settles and delegates during the voting delay and votes on every proposal.",
      },
    );
  }
  // The governor counts the proposer's votes one second back on the token's clock.
  const [power, threshold, symbol, balance] = await io.read(() =>
    Promise.all([
      token.getPastVotes(proposer, now - 1),
      governor.proposalThreshold(),
      token.symbol(),
      token.balanceOf(proposer),
    ]),
  );
  if (power < threshold) {
    if (power === 0n) {
      throw new NoVotingPowerError(
        `${proposer} has no votes in ${dao.name}'s DAO and needs ${formatAmount(threshold, 18)} ${symbol} of votes to propose: delegate first (npx hardhat gov delegate ${dao.slug}).`,
        {
          details:
            balance > 0n
              ? `It holds ${formatAmount(balance, 18)} ${symbol}, which vote only once delegated.`
              : undefined,
        },
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

/**
 * Submits a proposal to a model's DAO. Refused before sending when the signer has no votes ("delegate first")
 * or fewer than the proposal threshold. Returns its number (1, 2, 3...), its hash id, and its voting window.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSendEth({ model: "face-landmark-68", to: grantee, amount: "1" });
 * const { result } = await client.governance.propose({ model: "face-landmark-68", calls: [call], description: "# Grant\n..." });
 * console.log(`proposal ${result.number} opens at ${result.snapshot}`);
 */
export async function propose(
  context: GovernanceContext,
  params: ProposeParameters,
): Promise<WriteResult<ProposeResult>> {
  const transaction = await preparePropose(context, params);
  const receipt = await io.send(context, transaction, "Proposing");
  const [event] = io.findEvents(receipt, transaction.to, "ProposalCreated");
  if (!event) throw new SdkError(`The transaction ${receipt.hash} succeeded but created no proposal.`);
  const dao = await findDao(context, params.model);
  const calls = params.calls.map((c) => ({ to: c.to, data: c.data, value: c.value }));
  return {
    receipt,
    result: {
      number: event.args.proposalId as bigint,
      hash: proposalHash(
        calls.map((c) => c.to),
        calls.map((c) => c.value),
        calls.map((c) => c.data),
        keccakText(params.description),
      ),
      proposer: event.args.proposer as string,
      snapshot: new Date(Number(event.args.voteStart) * 1000),
      deadline: new Date(Number(event.args.voteEnd) * 1000),
      actions: await decodeActions(context, dao, calls),
    },
  };
}

/**
 * Builds the queuing of a proposal that passed, without sending it. Refused, with the reason, when the proposal
 * did not pass or is still voting.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareQueueProposal({ model: "face-landmark-68", proposal: 1 });
 */
export async function prepareQueueProposal(
  context: GovernanceContext,
  params: ProposalParameters,
): Promise<ContractTransaction> {
  const { governor, proposal } = await proposalIn(context, params, "succeeded", "queued");
  return governor.queue.populateTransaction(...callsOf(proposal));
}

/**
 * Queues a proposal that passed in the DAO's timelock; it can be executed once the timelock's delay has
 * passed. Refused before sending, with the reason, when the proposal did not pass or is still voting.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.governance.queueProposal({ model: "face-landmark-68", proposal: 1 });
 * console.log(`executable from ${result.eta}`);
 */
export async function queueProposal(
  context: GovernanceContext,
  params: ProposalParameters,
): Promise<WriteResult<ProposalStepResult>> {
  return sendStep(context, await prepareQueueProposal(context, params), "Queuing", "ProposalQueued");
}

/**
 * Builds the execution of a queued proposal without sending it. Refused with the ETA when it is not ready, or
 * with the reason when it is not queued.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareExecuteProposal({ model: "face-landmark-68", proposal: 1 });
 */
export async function prepareExecuteProposal(
  context: GovernanceContext,
  params: ProposalParameters,
): Promise<ContractTransaction> {
  const { governor, proposal } = await proposalIn(context, params, "queued", "executed");
  const now = await chainNow(context);
  if (proposal.eta && proposal.eta.getTime() / 1000 > now) {
    throw new TimelockNotReadyError(
      `Proposal ${proposal.number} is queued but the timelock lets it run only from ${iso(proposal.eta)}, in ${wait(proposal.eta.getTime() / 1000 - now)}.`,
    );
  }
  // Calls carrying ETH are paid from the timelock's balance: nothing is sent with the transaction itself.
  return governor.execute.populateTransaction(...callsOf(proposal));
}

/**
 * Executes a queued proposal once its timelock delay has passed; anyone may. Refused before sending with the
 * ETA when it is not ready, or with the reason when it is not queued.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.governance.executeProposal({ model: "face-landmark-68", proposal: 1 });
 */
export async function executeProposal(
  context: GovernanceContext,
  params: ProposalParameters,
): Promise<WriteResult<ProposalStepResult>> {
  return sendStep(context, await prepareExecuteProposal(context, params), "Executing", "ProposalExecuted");
}

/**
 * Builds a proposal's cancellation without sending it: its proposer (the signer, or `account` with a read-only
 * runner) may cancel it while it is pending.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.governance.prepareCancelProposal({ model: "face-landmark-68", proposal: 2, account: safe });
 */
export async function prepareCancelProposal(
  context: GovernanceContext,
  params: ProposalParameters & { account?: string },
): Promise<ContractTransaction> {
  const dao = await findDao(context, params.model);
  const account = await accountOrSigner(context, params.account, "Cancelling");
  const { governor, proposal } = await proposalIn(context, params, "pending", "cancelled", dao);
  if (getAddress(proposal.proposer) !== account) {
    throw new ProposalStateError(
      `Only proposal ${proposal.number}'s proposer, ${proposal.proposer}, may cancel it (while it is pending).`,
    );
  }
  return governor.cancel.populateTransaction(...callsOf(proposal));
}

/**
 * Cancels a proposal: its proposer may, while it is pending (before voting opens).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * await client.governance.cancelProposal({ model: "face-landmark-68", proposal: 2 });
 */
export async function cancelProposal(
  context: GovernanceContext,
  params: ProposalParameters,
): Promise<WriteResult<ProposalStepResult>> {
  return sendStep(context, await prepareCancelProposal(context, params), "Cancelling", "ProposalCanceled");
}

/**
 * The proposal `params` names, refused with the reason unless it is in `state` (`what` says what was to be done to
 * it), and its DAO's governor.
 */
async function proposalIn(
  context: GovernanceContext,
  params: ProposalParameters,
  state: ProposalStateName,
  what: string,
  dao?: DaoRecord,
): Promise<{ governor: ModelGovernor; proposal: ProposalView }> {
  const found = dao ?? (await findDao(context, params.model));
  const proposal = await readProposal(context, found, await findProposal(context, found, params));
  if (proposal.state !== state) throw stateError(proposal, what, [state]);
  return { governor: ModelGovernor__factory.connect(found.governor, context.runner), proposal };
}

/** A proposal's calls and description hash, as the governor's queue, execute and cancel take them. */
const callsOf = (proposal: ProposalView): [string[], bigint[], string[], string] => [
  proposal.targets,
  proposal.values,
  proposal.calldatas,
  proposal.descriptionHash,
];

/** Sends a step built on the governor and reads where the proposal stands after it, from the step's event. */
async function sendStep(
  context: GovernanceContext,
  transaction: ContractTransaction,
  what: string,
  event: "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled",
): Promise<WriteResult<ProposalStepResult>> {
  const receipt = await io.send(context, transaction, what);
  const { args } = io.findEvent(receipt, transaction.to, event);
  return { receipt, result: await step(context, transaction.to, args.proposalId as bigint) };
}
