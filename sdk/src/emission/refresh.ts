import { getAddress, type ContractTransaction } from "ethers";

import { SdkError } from "../errors.js";
import { scanLogs } from "../logs.js";
import { address } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import {
  emission,
  emissionAddress,
  emissionInterface,
  emissionScanStart,
  emissionToken,
  io,
  nextPeriodStart,
} from "./internal.js";
import type { EmissionContext, EmissionRefreshResult, EmissionScanOptions, StaleEmissionVoter } from "./types.js";

// Bringing a voter's weight to its power now: anyone may, on anyone. The voters a refresh would change are found
// from the contract's vote events.

/** Voters whose ballots are read per batch of calls sent together. */
const BALLOT_BATCH = 50;

/** What {@link prepareRefreshEmission} returns: the transaction, and what it would change. */
export interface PreparedEmissionRefresh {
  transaction: ContractTransaction;
  voter: string;
  /** The power the voter's weight counts now. */
  oldPower: bigint;
  /** The power it would count after the refresh. */
  newPower: bigint;
  /** Whether it has an allocation (a refresh of a voter without one changes nothing). */
  allocated: boolean;
  /** Whether the refresh would change its weight: it has an allocation, and its power moved. */
  changes: boolean;
}

/**
 * Builds a refresh of a voter's weight without sending it, with the power its weight counts and the power it would
 * count from the next period on. A refresh that changes nothing is not refused (the contract returns false), but
 * `changes` says so, to spare the gas.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { changes, oldPower, newPower } = await client.emission.prepareRefresh(voter);
 */
export async function prepareRefreshEmission(
  context: EmissionContext,
  voter: string,
): Promise<PreparedEmissionRefresh> {
  const account = address(voter, "voter");
  const contract = emission(context);
  const [[oldPower, , netuids], newPower] = await io.read(() =>
    Promise.all([contract.ballotOf(account), contract.powerOf(account)]),
  );
  return {
    transaction: await contract.refresh.populateTransaction(account),
    voter: account,
    oldPower,
    newPower,
    allocated: netuids.length > 0,
    changes: netuids.length > 0 && newPower !== oldPower,
  };
}

/**
 * Brings a voter's weight to its power now, from the next period on, keeping its allocation: after it sold or
 * re-delegated tokens (its weight falls) or gained votes (it rises). Anyone may call it on anyone; the signer pays
 * the gas.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.emission.refresh(voter);
 * if (result.changed) console.log(`${result.oldPower} -> ${result.newPower} from period ${result.from}`);
 */
export async function refreshEmission(
  context: EmissionContext,
  voter: string,
): Promise<WriteResult<EmissionRefreshResult>> {
  const prepared = await prepareRefreshEmission(context, voter);
  const receipt = await io.send(context, prepared.transaction, "Refreshing");
  const [event] = io.findEvents(receipt, emissionAddress(context), "EmissionRefreshed");
  const contract = emission(context);
  const [[period], fromStart, token] = await Promise.all([
    io.read(() => contract.currentPeriod({ blockTag: receipt.blockNumber })),
    nextPeriodStart(contract, receipt.blockNumber),
    emissionToken(context, contract),
  ]);
  return {
    receipt,
    result: event
      ? {
          voter: prepared.voter,
          changed: true,
          oldPower: event.args.oldPower as bigint,
          newPower: event.args.newPower as bigint,
          from: event.args.from as bigint,
          fromStart,
          token,
        }
      : {
          voter: prepared.voter,
          changed: false,
          oldPower: prepared.oldPower,
          newPower: prepared.oldPower,
          from: period + 1n,
          fromStart,
          token,
        },
  };
}

/**
 * The voters a refresh would change: those who voted (from the contract's `EmissionVoted` events, read in chunks
 * from its deployment block) whose allocation stands and whose power now differs from the power it counts.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * for (const { voter } of await client.emission.staleVoters()) await client.emission.refresh(voter);
 */
export async function listStaleEmissionVoters(
  context: EmissionContext,
  options: EmissionScanOptions = {},
): Promise<StaleEmissionVoter[]> {
  const contract = emission(context);
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading the emission's voters needs a provider: connect the client to one.");
  const toBlock = await provider.getBlockNumber();
  const logs = await io.read(() =>
    scanLogs(provider, {
      address: emissionAddress(context),
      topics: [emissionInterface.getEvent("EmissionVoted")!.topicHash],
      fromBlock: Math.min(emissionScanStart(context, options.fromBlock), toBlock),
      toBlock,
      blockRange: options.blockRange,
    }),
  );
  const voters = [...new Set(logs.map((log) => getAddress(emissionInterface.parseLog(log)!.args.voter as string)))];
  const stale: StaleEmissionVoter[] = [];
  for (let i = 0; i < voters.length; i += BALLOT_BATCH) {
    const batch = voters.slice(i, i + BALLOT_BATCH);
    const read = await io.read(() =>
      Promise.all(
        batch.map((voter) =>
          Promise.all([
            contract.ballotOf(voter, { blockTag: toBlock }),
            contract.powerOf(voter, { blockTag: toBlock }),
          ]),
        ),
      ),
    );
    read.forEach(([[recorded, , netuids], now], j) => {
      if (netuids.length > 0 && now !== recorded) stale.push({ voter: batch[j], recorded, now });
    });
  }
  return stale;
}
