// Chapter 12: fees in ETH and a stablecoin streamed to holders, claimed, and each asset balanced to the unit.
import { formatEther, formatUnits, parseUnits } from "ethers";

import { ModelToken__factory } from "../../sdk/src/contracts.js";
import { createClient } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Client, type Demo, section, SLUG, type Token, type Signer } from "./context.js";
import type { Launch, Sale } from "./offering.js";

/** 12. Fees in ETH and mUSD streamed to holders: a sale mid-stream splits them exactly; then everyone claims. */
export async function earnRevenue(demo: Demo, launch: Launch, offering: Sale, keeper: Client): Promise<Token> {
  const { ethers, networkHelpers, signers, team, deployment, gas, track } = demo;
  const { launched, usd } = launch;
  const { investors } = offering;
  section("12. Revenue: inference fees in ETH and mUSD reach the holders, streamed over a day");
  const token = ModelToken__factory.connect(launched.token, team);
  const customer = createClient({ runner: signers[10], deployment });
  await (await usd.mint(signers[10].address, parseUnits("12000", 6))).wait();
  const ethFees = track(
    "deposit 3 ETH of inference fees (customer)",
    await customer.revenue.depositRevenue({ model: SLUG, amount: "3" }),
  );
  track(
    "deposit 12000 mUSD of fees, by permit (customer)",
    await customer.revenue.depositRevenue({ model: SLUG, amount: "12000", asset: "mUSD" }),
  );
  const streamStart = (await ethers.provider.getBlock(ethFees.receipt.blockNumber))!.timestamp;
  console.log(
    `5% of each deposit goes to the burn-to-redeem reserve (${formatEther(ethFees.result.reserved)} ETH of the 3); ` +
      `the rest is released to holders linearly until ${ethFees.result.stream?.end.toISOString()}.`,
  );

  // Half-way through the stream, investor 5 sells half of its tokens to investor 1.
  const [buyer, seller] = [investors[0], investors[4]];
  const sellerTokens = await token.balanceOf(seller.address);
  const buyerTokens = await token.balanceOf(buyer.address);
  await networkHelpers.time.increaseTo(streamStart + 12 * 3600);
  const sale = await (await token.connect(seller).transfer(buyer.address, sellerTokens / 2n)).wait();
  gas.push(["transfer half of investor 5's FL68 to investor 1, mid-stream", sale!.gasUsed]);
  const saleTime = (await ethers.provider.getBlock(sale!.blockNumber))!.timestamp;
  await networkHelpers.time.increaseTo(streamStart + 86_400);
  await networkHelpers.mine();
  // What each earned of the first ETH stream, against the exact share of how long it held what.
  const streamed = 3n * 10n ** 18n - ethFees.result.reserved;
  // Shares are of the tokens that earn: the supply less the pool's, which the launch excluded.
  const supply = await token.eligibleSupply();
  const exact = (before: bigint, after: bigint) =>
    (streamed * (before * BigInt(saleTime - streamStart) + after * BigInt(streamStart + 86_400 - saleTime))) /
    (86_400n * supply);
  const ETH_ASSET = await token.NATIVE_ASSET();
  const fairness = [
    ["investor 5 (sold half mid-stream)", sellerTokens, sellerTokens - sellerTokens / 2n, seller.address],
    ["investor 1 (bought it)", buyerTokens, buyerTokens + sellerTokens / 2n, buyer.address],
  ] as const;
  console.log(
    table(
      ["holder", "FL68 before", "FL68 after", "earned ETH", "exact share ETH", "difference (wei)"],
      await Promise.all(
        fairness.map(async ([who, before, after, account]) => {
          const earned = await token.claimable(account, ETH_ASSET);
          const share = exact(before, after);
          return [
            who,
            Number(formatUnits(before, 18)).toFixed(2),
            Number(formatUnits(after, 18)).toFixed(2),
            formatEther(earned),
            formatEther(share),
            (earned - share).toString(),
          ];
        }),
      ),
    ),
  );

  await claimRevenue(demo, launch, offering, keeper, { token, customer, buyer, ETH_ASSET });
  return token;
}

/** 12, continued: more fees, every holder's claim, and each asset balanced to the unit. */
export async function claimRevenue(
  { client, ethers, networkHelpers, signers, deployment, track }: Demo,
  { launched, usd, usdAddress }: Launch,
  { investors }: Sale,
  keeper: Client,
  { token, customer, buyer, ETH_ASSET }: { token: Token; customer: Client; buyer: Signer; ETH_ASSET: string },
): Promise<void> {
  // More fees, then everyone claims: investors for themselves (investor 1 to another wallet), a keeper for the
  // treasury and a team vesting wallet (revenue always goes to the holder), and investor 2 burns tokens for
  // its share of the reserve.
  track("deposit 1 ETH more (customer)", await customer.revenue.depositRevenue({ model: SLUG, amount: "1" }));
  await networkHelpers.time.increase(2 * 86_400);
  const coldWallet = signers[11].address;
  track(
    "claim all to a cold wallet (investor 1)",
    await createClient({ runner: buyer, deployment }).revenue.claimRevenue({ model: SLUG, to: coldWallet }),
  );
  for (const investor of investors.slice(1)) {
    track(
      "claim all (investor)",
      await createClient({ runner: investor, deployment }).revenue.claimRevenue({ model: SLUG }),
    );
  }
  track(
    "claim for the treasury (keeper)",
    await keeper.revenue.claimRevenue({ model: SLUG, holder: launched.timelock }),
  );
  track(
    "claim for vesting wallet 1 (keeper)",
    await keeper.revenue.claimRevenue({ model: SLUG, holder: launched.vestingWallets[0] }),
  );
  const redeemed = track(
    "burn 1000 FL68 for the reserve (investor 2)",
    await createClient({ runner: investors[1], deployment }).revenue.redeemReserve({ model: SLUG, amount: "1000" }),
  );
  console.log(
    `Investor 2 burned 1000 FL68 for ${redeemed.result.paid.map((p) => `${formatUnits(p.amount, p.asset.decimals)} ${p.asset.symbol}`).join(" and ")} of the reserve.`,
  );

  // Every account that ever held FL68, and what each claimed and can still claim.
  const holders = [...new Set((await token.queryFilter(token.filters.Transfer())).map((log) => log.args.to))].filter(
    (a) => a !== ethers.ZeroAddress,
  );
  // The pool holds FL68 but earns nothing: the launch excluded its address before the pair existed.
  const pool = (await client.market.show(SLUG)).pair;
  const names = new Map<string, string>([
    [pool, "FL68/WETH pool (excluded)"],
    [launched.timelock, "treasury (timelock)"],
    [launched.offering, "sale (forwards to buyers)"],
    ...launched.vestingWallets.map((wallet, i) => [wallet, `vesting wallet ${i + 1}`] as [string, string]),
    ...investors.map((investor, i) => [investor.address, `investor ${i + 1}`] as [string, string]),
  ]);
  const claimedBy = async (holder: string, asset: string) =>
    (await token.queryFilter(token.filters.RevenueClaimed(holder, asset))).reduce(
      (sum, log) => sum + log.args.amount,
      0n,
    );
  const claimableSum = new Map<string, bigint>([
    [ETH_ASSET, 0n],
    [usdAddress, 0n],
  ]);
  const holderRows: (string | number)[][] = [];
  for (const holder of holders) {
    const [, amounts] = await token.claimableAll(holder);
    if (holder === pool && (amounts[0] !== 0n || amounts[1] !== 0n)) throw new Error("The pool earned revenue.");
    claimableSum.set(ETH_ASSET, claimableSum.get(ETH_ASSET)! + amounts[0]);
    claimableSum.set(usdAddress, claimableSum.get(usdAddress)! + amounts[1]);
    holderRows.push([
      names.get(holder) ?? holder.slice(0, 10),
      Number(formatUnits(await token.balanceOf(holder), 18)).toFixed(2),
      formatEther(await claimedBy(holder, ETH_ASSET)),
      formatUnits(await claimedBy(holder, usdAddress), 6),
      formatEther(amounts[0]),
      formatUnits(amounts[1], 6),
    ]);
  }
  console.log(table(["holder", "FL68", "claimed ETH", "claimed mUSD", "claimable ETH", "claimable mUSD"], holderRows));

  const revenue = await client.revenue.getRevenue(SLUG);
  const balanceRows: (string | number)[][] = [];
  for (const view of revenue.assets) {
    const unit = (amount: bigint) => formatUnits(amount, view.asset.decimals);
    const claimable = claimableSum.get(view.asset.address)!;
    const dust = view.outstanding - claimable;
    const balance = view.asset.isEth
      ? await ethers.provider.getBalance(launched.token)
      : await usd.balanceOf(launched.token);
    balanceRows.push([
      view.asset.symbol,
      unit(view.deposited),
      unit(view.claimed),
      unit(claimable),
      unit(view.unreleased),
      unit(view.reserve),
      unit(view.reservePaid),
      dust.toString(),
      unit(balance),
    ]);
    if (
      view.claimed + claimable + dust + view.unreleased + view.reserve + view.reservePaid !== view.deposited ||
      balance !== view.deposited - view.claimed - view.reservePaid ||
      dust < 0n ||
      dust > 100n
    ) {
      throw new Error(`The ${view.asset.symbol} revenue does not balance to the unit.`);
    }
  }
  console.log(
    table(
      [
        "asset",
        "deposited",
        "claimed",
        "claimable",
        "streaming",
        "reserve",
        "redeemed",
        "dust (units)",
        "held by the token",
      ],
      balanceRows,
    ),
  );
  console.log(
    "Balanced to the unit: deposited = claimed + claimable + streaming + reserve + redeemed + dust, and the token " +
      "holds exactly deposited - claimed - redeemed. Dust is the rounding the pool keeps (at most one unit per deposit and per side of a transfer).",
  );
}
