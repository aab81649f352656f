// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "./IModelOffering.sol";

/// @title IBondingCurve
/// @notice A model token's bonding-curve launch: from its launch block anyone buys the model's tokens from the curve,
/// and sells them back to it, at a price set by a constant product over a virtual quote reserve. When the real quote
/// reserve reaches the target, trading stops and anyone graduates the curve into a Uniswap V2 pool opened at the
/// curve's final price, whose shares are locked for the model's treasury. A curve that misses the target by its
/// deadline stops selling tokens, and every buyer can sell back what it bought, without fee, for good.
///
/// The price: with `V` the virtual quote reserve, `R` the real one, `N` the tokens for the curve and `S` those still
/// on it, the curve keeps `(V + R) · S >= V · N`, equal but for rounding, which is always in the curve's favour. The
/// first token costs `V / N` quote units per token unit; the last before the target `(V + target) / S`.
interface IBondingCurve {
    /// @notice Where a curve stands. `Refunding` is `Trading` past the deadline without graduation: buying has
    /// stopped, selling goes on without fee.
    enum Status {
        Trading,
        Graduating,
        Graduated,
        Refunding
    }

    /// @notice A curve's terms, fixed at launch.
    struct CurveParams {
        /// The ERC-20 paid with, or the zero address for ETH (the pool then pairs with WETH).
        address paymentToken;
        /// Model token units the curve sells (it holds them from launch).
        uint256 tokensForCurve;
        /// The virtual quote reserve `V`: the opening price is `V / tokensForCurve` quote units per token unit.
        uint256 virtualQuote;
        /// The real quote reserve at which the curve stops trading and graduates.
        uint256 targetQuote;
        /// The trading fee, in basis points of each trade's quote side: at most 1,000.
        uint16 feeBps;
        /// The fee of a trade in the launch block, in basis points: at least `feeBps`, at most 5,000. It falls
        /// linearly to `feeBps` over `openingBlocks` blocks: the rule against sniping. A per-wallet cap would be
        /// beaten by splitting a purchase across wallets; a fee on every unit bought is not.
        uint16 openingFeeBps;
        /// Blocks after the launch over which the opening fee falls to `feeBps`: at most 1,000.
        uint16 openingBlocks;
        /// Whether the fees are deposited as revenue into the model token for its holders (true) or paid to the
        /// treasury (false).
        bool feesToHolders;
        /// When buying stops if the target has not been reached (unix seconds).
        uint40 deadline;
        /// How long the pool shares stay locked for the treasury from graduation, in seconds (LiquidityLock's
        /// MIN_LOCK to MAX_LOCK).
        uint32 lockDuration;
    }

    /// @notice Everything fixed about a curve. It is part of the curve contract's own code (ERC-1167 clone
    /// arguments): nobody can change it.
    struct Config {
        /// The model token; the curve holds `curve.tokensForCurve + reserveTokens` of it from launch.
        address token;
        /// Where fees (unless deposited for holders), leftovers and reclaimed tokens go: the model DAO's timelock.
        address treasury;
        /// The block the curve was launched in, from which the opening fee falls.
        uint64 launchBlock;
        /// Model token units held for the pool beside those on the curve.
        uint256 reserveTokens;
        CurveParams curve;
    }

    /// @notice Emitted when `buyer` pays `quoteIn` (fee included, refund excluded) for `tokensOut`; `refund` is what
    /// came back, the part of the payment above the target.
    event Bought(address indexed buyer, uint256 quoteIn, uint256 fee, uint256 tokensOut, uint256 refund);

    /// @notice Emitted when `seller` sells `tokensIn` back for `quoteOut` (after `fee`).
    event Sold(address indexed seller, uint256 tokensIn, uint256 quoteOut, uint256 fee);

    /// @notice Emitted when a buy brings the real reserve to the target: trading stops, {graduate} may be called.
    event TargetReached(uint256 reserve, uint256 tokensOnCurve);

    /// @notice Emitted when the curve graduates into `pair`: `tokens` and `quote` entered it (a trade included, when
    /// someone had opened the pool before), `liquidity` shares were locked as lock `lockId` until `unlockAt`; what
    /// the pool did not use went to the treasury.
    event Graduated(
        address indexed pair, uint256 tokens, uint256 quote, uint256 liquidity, uint256 lockId, uint64 unlockAt
    );

    /// @notice Emitted when graduation could not open the pool (`reason` is the revert data): the curve still
    /// graduates, and its tokens and reserve go to the treasury, which can open a pool itself.
    event PoolNotOpened(bytes reason);

    /// @notice Emitted when accrued fees of `amount` go to `recipient`: the model token as revenue when
    /// `asRevenue`, else the treasury.
    event FeesCollected(address indexed recipient, uint256 amount, bool asRevenue);

    /// @notice Emitted when `tokens` model tokens go from a curve past its deadline to the treasury.
    event Reclaimed(address indexed treasury, uint256 tokens);

    /// @notice Emitted when an ETH refund of `amount` to `account` could not be sent and waits for {withdraw}.
    event RefundCredited(address indexed account, uint256 amount);

    /// @notice Emitted when `account` withdraws its credited refunds, `amount`, to `to`.
    event CreditWithdrawn(address indexed account, address indexed to, uint256 amount);

    /// @notice Thrown when the curve implementation itself is called: only its clones carry terms.
    error CurveNotACurve();

    /// @notice Thrown when a trade, graduation or reclaim comes at the wrong time for the curve's `status`.
    error CurveWrongStatus(Status status);

    /// @notice Thrown when a trade's own deadline `deadline` has passed (it is now `now_`).
    error CurveTradeExpired(uint256 deadline, uint256 now_);

    /// @notice Thrown when a buy would give `amount` tokens, or a sell `amount` quote, below the `min` asked for.
    error CurveSlippage(uint256 amount, uint256 min);

    /// @notice Thrown when a trade is of nothing, or would give nothing.
    error CurveZeroAmount();

    /// @notice Thrown when a buy sends `value` wei with a payment of `quoteIn`: a curve paid in ETH takes exactly
    /// `quoteIn` as value, one paid in an ERC-20 no value.
    error CurveWrongPayment(uint256 quoteIn, uint256 value);

    /// @notice Thrown when `account` sells `tokensIn` back but bought only `bought` (net of its sales) from the curve:
    /// the curve buys back only what it sold, so tokens from elsewhere can never take its buyers' reserve.
    error CurveSellExceedsBought(address account, uint256 tokensIn, uint256 bought);

    /// @notice Thrown when there are no accrued fees to collect.
    error CurveNoFees();

    /// @notice Thrown when there are no model tokens to reclaim.
    error CurveNothingToReclaim();

    /// @notice Thrown when `account` has no credited refund to withdraw.
    error CurveNothingToWithdraw(address account);

    /// @notice Thrown when a credited refund would go to the zero address.
    error CurveInvalidRecipient(address to);

    /// @notice Thrown when a graduation has `gasLeft`, less than the `required` gas for its pool step.
    error CurveGraduationGas(uint256 gasLeft, uint256 required);

    /// @notice Thrown when the pool step is called by anyone but the curve itself.
    error CurveOnlySelf(address caller);

    /// @notice Thrown when ETH arrives outside a buy from anyone but WETH (unwrapping what the pool did not use).
    error CurveUnexpectedETH(address sender);

    /// @notice Thrown (inside the pool step, which then gives way to {PoolNotOpened}) when the pair is not the one
    /// the launch excluded from revenue, or is no longer excluded.
    error CurvePoolNotExcluded(address pair);

    /// @notice Thrown at launch when the curve's supply is out of range: no tokens for the curve or the pool, or more
    /// than 2^96 - 1 in all.
    error CurveInvalidSupply(uint256 tokensForCurve, uint256 reserveTokens);

    /// @notice Thrown at launch when the virtual reserve is zero or the target is zero, or either does not fit 128 bits.
    error CurveInvalidQuote(uint256 virtualQuote, uint256 targetQuote);

    /// @notice Thrown at launch when the fees are out of range: `feeBps` above 1,000, `openingFeeBps` below it or
    /// above 5,000, or `openingBlocks` above 1,000.
    error CurveInvalidFees(uint256 feeBps, uint256 openingFeeBps, uint256 openingBlocks);

    /// @notice Thrown at launch when the deadline `deadline` is not in the future (it is now `now_`).
    error CurveInvalidDeadline(uint256 deadline, uint256 now_);

    /// @notice Thrown at launch when the pool lock `lockDuration` is outside `min` to `max` seconds, or the curve
    /// implementation has no market to open a pool on.
    error CurveInvalidLock(uint256 lockDuration, uint256 min, uint256 max);

    /// @notice Buys model tokens with `quoteIn` of the payment (as `msg.value` for ETH, else pulled with an approval
    /// and counted by what arrives), at least `minTokensOut`, before `deadline`. The fee comes off the payment first.
    /// A buy that would pass the target is filled up to it exactly and the rest refunded in the same call (an ETH
    /// refund that cannot be sent is credited for {withdraw}). Returns the tokens bought.
    function buy(uint256 quoteIn, uint256 minTokensOut, uint256 deadline) external payable returns (uint256 tokensOut);

    /// @notice Sells `tokensIn` model tokens (approved beforehand) back to the curve for at least `minQuoteOut`
    /// (after the fee), before `deadline`. Only what the caller bought from the curve (net of its sales) can be sold
    /// back. Past the curve's deadline without graduation there is no fee. Returns the quote paid.
    function sell(uint256 tokensIn, uint256 minQuoteOut, uint256 deadline) external returns (uint256 quoteOut);

    /// @notice Opens the pool once the target is reached: at the curve's final price `(V + R) / S`, with the reserve
    /// `R` as quote and the tokens left on the curve plus the pool's reserve as tokens, its shares locked for the
    /// treasury until now + `lockDuration`; what the pool did not use goes to the treasury. Anyone may call it. A pool
    /// that cannot be opened sends everything to the treasury instead ({PoolNotOpened}).
    function graduate() external;

    /// @notice The graduation's pool step, run by the curve on itself so that a pool that cannot be opened never
    /// stops the graduation: seeds the pool with `quoteAmount` quote and `tokenAmount` model tokens at `priceNum /
    /// priceDen` quote units per token unit. Reverts with {CurveOnlySelf} for anyone else.
    function openPool(uint256 quoteAmount, uint256 tokenAmount, uint256 priceNum, uint256 priceDen) external;

    /// @notice Pays the accrued fees to the treasury or deposits them as revenue into the model token (falling back to
    /// the treasury if the token refuses them). Anyone may call it.
    function collectFees() external;

    /// @notice After the deadline without graduation, sends every model token the curve holds (unsold, the pool's
    /// reserve and those sold back) to the treasury. Sellers are paid from the quote reserve, which stays. Anyone may
    /// call it, as often as tokens come back.
    function reclaim() external;

    /// @notice Sends the caller's credited ETH refunds to `to`.
    function withdraw(address to) external;

    /// @notice The curve's fixed terms.
    function config() external view returns (Config memory);

    /// @notice Where the curve stands now.
    function status() external view returns (Status);

    /// @notice The real quote reserve, the tokens still on the curve, the accrued fees not yet collected and the
    /// ETH refunds credited and not yet withdrawn.
    function state() external view returns (uint256 reserve, uint256 tokensOnCurve, uint256 fees, uint256 credits);

    /// @notice What `account` bought from the curve, net of its sales: what it may sell back.
    function boughtOf(address account) external view returns (uint256);

    /// @notice ETH refunds credited to `account`.
    function creditOf(address account) external view returns (uint256);

    /// @notice The fee of a trade now, in basis points.
    function currentFeeBps() external view returns (uint256);

    /// @notice What a buy of `quoteIn` would give now: the tokens, the fee and the refund above the target.
    function quoteBuy(uint256 quoteIn) external view returns (uint256 tokensOut, uint256 fee, uint256 refund);

    /// @notice What a sale of `tokensIn` would give now: the quote after the fee, and the fee.
    function quoteSell(uint256 tokensIn) external view returns (uint256 quoteOut, uint256 fee);

    /// @notice The Uniswap V2 deployment and liquidity lock the curve graduates into (those of its implementation).
    function market() external view returns (IModelOffering.Market memory);

    /// @notice The address of the curve's pool, whether or not it exists yet; the launch excluded it from revenue.
    function pool() external view returns (address);
}
