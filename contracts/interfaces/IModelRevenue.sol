// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IModelRevenue
/// @notice Revenue sharing built into a model token. Revenue paid in ETH or in one of at most four ERC-20s
/// allowed by the model's DAO is shared among the token's holders in proportion to what they held while it was
/// released, and each holder pulls its share whenever it likes: it never expires, and what an account earned
/// while it held stays claimable by it after it sells.
///
/// Deposits are released at once, or linearly over the asset's stream duration (set by the DAO), so that buying
/// just before a deposit and selling just after earns only the part released in between. A deposit made while
/// a stream runs joins it: what remains and the new deposit are released together until the amount-weighted
/// average of their ends (what remains's, and now plus the duration), so a small deposit barely moves it.
///
/// Revenue is released only while at least {minEligibleSupply} tokens earn (1/1024 of the supply, at most
/// 2**76 units): below, streams pause and deposits wait in the stream, so that a vanishing eligible supply can
/// neither receive revenue out of proportion nor exhaust the accumulator. A release never takes the
/// accumulator past its limit; what does not fit waits the same way.
///
/// A holder may exclude itself ({setExcludedSelf}): its balance stops earning and leaves the denominator (a
/// staking contract that has no use for revenue, say), and only it can include itself again. The DAO may exclude
/// only a contract that holds no tokens and has nothing to claim (a pool before anyone fills it), so that nothing
/// a holder has or earns can be redirected without its consent. An account that "forwards" revenue (the sale,
/// which holds tokens for buyers until they settle) passes what its tokens earned on with the tokens.
///
/// If the token was launched with a reserve share, that share of every deposit is set aside for holders who
/// burn tokens: burning `a` of the `S` tokens in circulation pays `a / S` of each asset's reserve.
///
/// Amounts are exact to the unit except for rounding, which always favours the pool: at most one unit of an
/// asset per deposit, per stream update and per side of a transfer stays in the contract as dust.
interface IModelRevenue {
    /// @notice Revenue settings fixed at launch.
    struct RevenueParams {
        /// Share of every deposit set aside for burn-to-redeem, in basis points (0 for none).
        uint16 reserveBps;
        /// Seconds over which each deposit is released, for ETH and for each of `assets` (0 for at once).
        uint24 streamDuration;
        /// ERC-20s accepted as revenue from the start, besides ETH (at most four).
        address[] assets;
    }

    /// @notice One revenue asset's state.
    struct AssetInfo {
        /// The ERC-20, or {NATIVE_ASSET} for ETH.
        address asset;
        /// Whether deposits are accepted. An asset the DAO removed stays claimable.
        bool active;
        /// Seconds over which new deposits are released.
        uint24 streamDuration;
        /// Revenue released per token unit since launch, as a Q96 fixed-point number.
        uint256 accumulator;
        /// Tokens that earn revenue: the supply less excluded balances.
        uint256 eligibleSupply;
        /// Deposited but not released yet (being streamed).
        uint256 unreleased;
        /// When the running stream ends; 0 when none runs.
        uint256 streamEnd;
        /// Set aside for burn-to-redeem.
        uint256 reserve;
        /// Everything the contract owes in this asset: unreleased, released and unclaimed, and the reserve
        /// (ERC-20s). For ETH, the contract's balance.
        uint256 held;
    }

    /// @notice Emitted when `from` deposits `amount` of `asset` (as received) as revenue.
    event RevenueDeposited(address indexed asset, address indexed from, uint256 amount);

    /// @notice Emitted when a deposit starts or joins a stream: `amount` more is released, with what remains,
    /// linearly until `end` (later if the stream pauses: see {minEligibleSupply}).
    event RevenueStreamed(address indexed asset, uint256 amount, uint256 end);

    /// @notice Emitted when `amount` of `asset` earned by `holder` is paid to `to`.
    event RevenueClaimed(address indexed holder, address indexed asset, address to, uint256 amount);

    /// @notice Emitted when `holder` burns `burned` tokens for its share of the reserve, paid to `to`.
    event RevenueRedeemed(address indexed holder, address indexed to, uint256 burned);

    /// @notice Emitted for each asset of a redemption: `amount` of `asset`'s reserve paid to `to`.
    event RevenueReservePaid(address indexed holder, address indexed asset, address to, uint256 amount);

    /// @notice Emitted when the DAO allows `asset` as revenue; it is the asset at `index` (ETH is 0).
    event RevenueAssetAllowed(address indexed asset, uint256 index);

    /// @notice Emitted when the DAO stops accepting `asset`; what it paid stays claimable.
    event RevenueAssetRemoved(address indexed asset);

    /// @notice Emitted when the stream duration of `asset` becomes `duration` seconds.
    event RevenueStreamDurationSet(address indexed asset, uint256 duration);

    /// @notice Emitted when `account` is excluded from (or included again in) revenue sharing, by itself
    /// (`byHolder`) or by the DAO.
    event RevenueExclusionSet(address indexed account, bool excluded, bool byHolder);

    /// @notice Emitted when the DAO sends `amount` of `asset` that was not revenue (sent without a deposit) to `to`.
    event RevenueSurplusRecovered(address indexed asset, address indexed to, uint256 amount);

    /// @notice Thrown when a caller other than the model's owner (its DAO timelock) changes revenue settings.
    error RevenueNotModelDao(address account);

    /// @notice Thrown when `asset` is not accepted as revenue (never allowed, or removed).
    error RevenueAssetNotAllowed(address asset);

    /// @notice Thrown when `asset` is already accepted as revenue.
    error RevenueAssetAlreadyAllowed(address asset);

    /// @notice Thrown when allowing one more ERC-20 than the `max` a token supports.
    error RevenueTooManyAssets(uint256 max);

    /// @notice Thrown when `asset` cannot be a revenue asset: not a contract, or the model token itself.
    error RevenueInvalidAsset(address asset);

    /// @notice Thrown when a deposit, claim or redemption is of nothing.
    error RevenueZeroAmount();

    /// @notice Thrown when a deposit finds no eligible supply to share it among.
    error RevenueNoEligibleSupply();

    /// @notice Thrown when a deposit is too large for the eligible supply to account for (over 2**127 units of
    /// `asset` per token unit, in Q96).
    error RevenueDepositTooLarge(address asset, uint256 amount);

    /// @notice Thrown when a stream duration exceeds the `max` seconds allowed.
    error RevenueStreamTooLong(uint256 duration, uint256 max);

    /// @notice Thrown when the reserve share exceeds 100%.
    error RevenueReserveTooHigh(uint256 bps);

    /// @notice Thrown when `holder` has no `asset` to claim.
    error RevenueNothingToClaim(address holder, address asset);

    /// @notice Thrown when revenue would be paid to the zero address or to the token itself.
    error RevenueInvalidRecipient(address to);

    /// @notice Thrown when claiming for (or redeeming from) `holder`, which passes its revenue on with its tokens.
    error RevenueHolderForwards(address holder);

    /// @notice Thrown when `account` is already in the exclusion state asked for.
    error RevenueExclusionUnchanged(address account, bool excluded);

    /// @notice Thrown when the DAO excludes `account`, which is not a contract (an account with a key can claim).
    error RevenueExcludeNotContract(address account);

    /// @notice Thrown when the DAO changes the exclusion of `account`, which holds `balance` tokens: only the
    /// holder itself may.
    error RevenueExclusionHolder(address account, uint256 balance);

    /// @notice Thrown when the DAO changes the exclusion of `account`, which has `amount` of `asset` to claim.
    error RevenueExclusionHasRevenue(address account, address asset, uint256 amount);

    /// @notice Thrown when the DAO includes `account`, which excluded itself: only it may include itself again.
    error RevenueExclusionByHolder(address account);

    /// @notice Thrown when claiming for `holder`, a contract that did not receive its tokens at launch and is not
    /// the DAO: revenue pushed into a contract that does not account for it could be taken by anyone (an AMM
    /// pair's `skim`). Such a holder claims for itself.
    error RevenueClaimForContract(address holder);

    /// @notice Thrown when a holder's `credit` would leave the signed 128-bit field that stores it.
    error RevenueCreditOutOfRange(int256 credit);

    /// @notice Thrown when `asset`'s balance (`balance`) fell below what the contract owes (`held`): the token
    /// rebases or charges holders, and is refused.
    error RevenueAssetRebased(address asset, uint256 balance, uint256 held);

    /// @notice Thrown when `to` refused an ETH payment of `amount`.
    error RevenueEthTransferFailed(address to, uint256 amount);

    /// @notice Thrown when redeeming from a token launched without a reserve.
    error RevenueNoReserve();

    /// @notice Thrown when there is no surplus of `asset` to recover.
    error RevenueNoSurplus(address asset);

    /// @notice Deposits `msg.value` of ETH as revenue. Plain ETH transfers to the token do the same.
    function depositETH() external payable;

    /// @notice Deposits `amount` of the allowed ERC-20 `asset` (approved beforehand); credits what arrives.
    function deposit(address asset, uint256 amount) external;

    /// @notice {deposit} with an EIP-2612 permit for `amount` signed by the caller.
    function depositWithPermit(address asset, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Pays the caller's `asset` revenue to `to`; returns the amount.
    function claim(address asset, address to) external returns (uint256 amount);

    /// @notice Pays the caller's revenue in every asset to `to`; returns the amounts, in {revenueAssets} order.
    function claimAll(address to) external returns (uint256[] memory amounts);

    /// @notice Pays `holder`'s `asset` revenue to `holder`, by anyone, if `holder` has no code, received its
    /// tokens at launch (the treasury, the team's vesting wallets) or is the DAO; other contracts claim for
    /// themselves.
    function claimFor(address holder, address asset) external returns (uint256 amount);

    /// @notice Pays `holder`'s revenue in every asset to `holder`, by anyone, under the conditions of {claimFor}.
    function claimAllFor(address holder) external returns (uint256[] memory amounts);

    /// @notice Burns `amount` of the caller's tokens and pays their share of every asset's reserve to `to`.
    /// What the tokens earned before stays claimable.
    function redeem(uint256 amount, address to) external returns (uint256[] memory paid);

    /// @notice Accepts the ERC-20 `asset` as revenue, or accepts it again after its removal. Model DAO only.
    function allowAsset(address asset) external;

    /// @notice Stops accepting `asset` as revenue; what it paid stays claimable. Model DAO only.
    function removeAsset(address asset) external;

    /// @notice Sets the seconds over which new deposits of `asset` are released (0: at once). A running stream
    /// keeps its end. Model DAO only.
    function setStreamDuration(address asset, uint24 duration) external;

    /// @notice Excludes the contract `account` from revenue sharing, or includes it again, while it holds no
    /// tokens and has nothing to claim, so that nothing it has or earns is redirected (a pool, before anyone fills
    /// it); never undoes an account's own exclusion. Whoever sends tokens there later can read {isExcluded}, and
    /// an account that can call the token may include itself. Model DAO only.
    function setExcluded(address account, bool excluded) external;

    /// @notice Excludes the caller's balance from revenue sharing (it stops earning and leaves the eligible
    /// supply), or includes it again; what it earned before stays claimable. Any account, for itself alone: the
    /// DAO cannot undo it. Excluding itself when the DAO excluded it already makes the exclusion its own.
    function setExcludedSelf(bool excluded) external;

    /// @notice Sends `asset` the contract holds beyond what it owes (tokens sent without a deposit, or any token
    /// that is not a revenue asset) to `to`. Model DAO only.
    function recoverSurplus(address asset, address to) external returns (uint256 amount);

    /// @notice The address that stands for ETH (ERC-7528).
    // solhint-disable-next-line func-name-mixedcase
    function NATIVE_ASSET() external view returns (address);

    /// @notice The revenue assets, ETH first, including removed ones (still claimable).
    function revenueAssets() external view returns (address[] memory);

    /// @notice The state of revenue asset `asset`.
    function assetInfo(address asset) external view returns (AssetInfo memory);

    /// @notice What `holder` can claim of `asset` now.
    function claimable(address holder, address asset) external view returns (uint256);

    /// @notice What `holder` can claim now, per asset in {revenueAssets} order.
    function claimableAll(address holder) external view returns (address[] memory assets, uint256[] memory amounts);

    /// @notice What burning `amount` tokens would pay, per asset in {revenueAssets} order.
    function redeemable(uint256 amount) external view returns (address[] memory assets, uint256[] memory amounts);

    /// @notice Whether `account` is excluded from revenue sharing.
    function isExcluded(address account) external view returns (bool);

    /// @notice Whether `account` excluded itself ({setExcludedSelf}), which only it can undo.
    function excludedBySelf(address account) external view returns (bool);

    /// @notice The fewest tokens that must earn for revenue to be released: 1/1024 of the supply, at most 2**76
    /// units, at least 1. While fewer earn, streams pause and deposits wait.
    function minEligibleSupply() external view returns (uint256);

    /// @notice Whether `account` passes its revenue on with its tokens (the sale).
    function forwardsRevenue(address account) external view returns (bool);

    /// @notice Tokens that earn revenue: the supply less excluded balances.
    function eligibleSupply() external view returns (uint256);

    /// @notice Share of every deposit set aside for burn-to-redeem, in basis points; fixed at launch.
    function reserveBps() external view returns (uint256);

    /// @notice The account that governs revenue settings: the owner of the model in the registry, its DAO timelock.
    function dao() external view returns (address);
}
