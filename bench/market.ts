// Gas of the markets that follow launches, whole-transaction, against the published Uniswap V2 contracts the
// protocol deploys: a launch whose sale opens a pool, the finalisation that creates, seeds and locks it, and a
// holder's trades in it through the router.
import type { NetworkConnection } from "hardhat/types/network";

import { UNISWAP } from "../deploy/uniswap.js";
import { ModelOffering__factory, ModelToken__factory } from "../sdk/src/contracts.js";
import { DAY, ONE } from "../test/fixtures/constants.js";
import { benchLaunchParams, benchProtocol } from "./launch.js";
import { gasOf, type GasEntry } from "./registry.js";

export async function measureMarket(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [team, ...investors] = signers;
  const protocol = await benchProtocol(connection);
  const { registry, factory, deployment } = protocol;
  const entries: GasEntry[] = [];

  const start = (await networkHelpers.time.latest()) + 100;
  const end = start + 7 * DAY;
  // 20% of the proceeds beside the 100k-token reserve, the pool shares locked for a year.
  const launchParams = (model: bigint) =>
    benchLaunchParams({
      model,
      start,
      team: signers.slice(17, 20),
      treasuryAmount: 300_000n * ONE,
      liquidityAmount: 100_000n * ONE,
      pool: { proceedsBps: 2_000, lockDuration: 365 * DAY },
    });
  for (const slug of ["bench-market", "bench-market-2"]) {
    await (await registry.register(slug, `0x01551220${"33".repeat(32)}`, "MIT")).wait();
  }
  await gasOf(factory.launch(await launchParams(1n)));
  entries.push({
    name: "offering.launch.withPool",
    gas: await gasOf(factory.launch(await launchParams(2n))),
    target: 1_500_000,
  });
  const launch = await factory.launchOf(2n);
  const offering = ModelOffering__factory.connect(launch.offering, team);
  const token = ModelToken__factory.connect(launch.token, team);
  await networkHelpers.time.increaseTo(start);
  for (let i = 0; i < 4; i++) await gasOf(offering.connect(investors[i]).depositETH([], { value: 20n * ONE }));
  await networkHelpers.time.increaseTo(end);
  entries.push({ name: "market.seed", gas: await gasOf(offering.finalize()), target: 3_000_000 });

  // A holder's trades through Uniswap V2's router: its second sale, and a buy back.
  const router = new ethers.Contract(deployment.contracts.UniswapV2Router02!.address, UNISWAP.router.abi, team);
  const weth = deployment.contracts.WETH9!.address;
  const holder = investors[0];
  await gasOf(offering.settle(holder.address));
  await gasOf(token.connect(holder).approve(router.target, ethers.MaxUint256));
  const sell = () =>
    (router.connect(holder) as typeof router).swapExactTokensForETH(
      1_000n * ONE,
      0n,
      [token.target, weth],
      holder.address,
      end + 30 * DAY,
    );
  await gasOf(sell());
  entries.push({ name: "market.swap.sell", gas: await gasOf(sell()) });
  entries.push({
    name: "market.swap.buy",
    gas: await gasOf(
      (router.connect(holder) as typeof router).swapExactETHForTokens(
        0n,
        [weth, token.target],
        holder.address,
        end + 30 * DAY,
        { value: ONE / 10n },
      ),
    ),
  });
  return entries;
}
