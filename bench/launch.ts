// The launch every gas benchmark measures against: a 1M-token model with a 300k-token ETH sale over a week,
// three vested team members, and the DAO settings of deploy/launches/face-landmark-68.json.
import { ZeroAddress, ZeroHash, type Signer } from "ethers";

import type { IModelLaunchFactory } from "../types/typechain/index.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** What differs between benchmarks: the split of the 400k tokens not sold or vested, and revenue settings. */
export interface BenchLaunchOptions {
  model: bigint;
  /** The sale opens at this time (unix seconds) and lasts seven days; vesting starts at its end. */
  start: number;
  /** Three team members, each vested 100k tokens over a year after a 90-day cliff. */
  team: Signer[];
  treasuryAmount: bigint;
  liquidityAmount: bigint;
  liquidityRecipient?: string;
  revenue?: IModelLaunchFactory.LaunchParamsStruct["revenue"];
}

export async function benchLaunchParams(options: BenchLaunchOptions): Promise<IModelLaunchFactory.LaunchParamsStruct> {
  const start = BigInt(options.start);
  return {
    model: options.model,
    name: "Bench Model",
    symbol: "BENCH",
    supply: 1_000_000n * ONE,
    treasuryAmount: options.treasuryAmount,
    liquidityAmount: options.liquidityAmount,
    liquidityRecipient: options.liquidityRecipient ?? ZeroAddress,
    team: await Promise.all(
      options.team.map(async (member) => ({
        beneficiary: await member.getAddress(),
        amount: 100_000n * ONE,
        start: start + 7n * DAY,
        cliff: 90n * DAY,
        duration: 365n * DAY,
      })),
    ),
    sale: {
      paymentToken: ZeroAddress,
      tokensForSale: 300_000n * ONE,
      price: ONE / 1000n, // 0.001 ETH per token: 300 ETH for everything
      softCap: 10n * ONE,
      hardCap: 100n * ONE,
      walletCap: 0n,
      merkleRoot: ZeroHash,
      start,
      end: start + 7n * DAY,
    },
    dao: { votingDelay: DAY, votingPeriod: 5n * DAY, proposalThreshold: 1_000n * ONE, quorumPercent: 4n },
    timelockDelay: 2n * DAY,
    revenue: options.revenue ?? { reserveBps: 0, streamDuration: 0, assets: [] },
  };
}
