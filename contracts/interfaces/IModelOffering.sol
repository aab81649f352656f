// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IModelOffering
/// @notice An Initial Model Offering: a fixed number of model tokens sold at a fixed price during a window.
/// After the window anyone finalises: below the soft cap every deposit is refunded in full; between the caps
/// every deposit buys at the price; above the hard cap every deposit is filled pro rata and the rest refunded.
/// Each depositor then settles, in one O(1) call, any time: its tokens and refund go to it, never elsewhere.
interface IModelOffering {
    /// @notice Where a sale stands. `Ended` means the window has closed but nobody has finalised yet.
    enum Status {
        Upcoming,
        Live,
        Ended,
        Failed,
        Succeeded,
        Oversubscribed,
        Cancelled
    }

    /// @notice A sale's terms, fixed at launch.
    struct SaleParams {
        /// The ERC-20 paid with, or the zero address for ETH.
        address paymentToken;
        /// Model token units on sale (18 decimals).
        uint256 tokensForSale;
        /// Payment units for one whole model token (10**18 units).
        uint256 price;
        /// The least the sale must raise to succeed.
        uint128 softCap;
        /// The most the sale keeps; deposits beyond it are filled pro rata.
        uint128 hardCap;
        /// The most one wallet may deposit in total; 0 for no limit.
        uint128 walletCap;
        /// Root of the allowlist (OpenZeppelin StandardMerkleTree of `address` leaves); 0 for an open sale.
        bytes32 merkleRoot;
        uint40 start;
        uint40 end;
    }

    /// @notice The protocol fee, taken from the proceeds at finalisation.
    struct Fee {
        address recipient;
        uint16 bps;
    }

    /// @notice The Uniswap V2 pool a sale opens when it succeeds: its liquidity reserve, paired with a share of the
    /// proceeds at the sale's price, its pool shares locked in {LiquidityLock} for the model's treasury.
    struct PoolTerms {
        /// Model token units the sale holds for the pool from launch; 0 for a sale that opens no pool.
        uint256 tokens;
        /// The share of the proceeds (after the protocol fee) paired with them, in basis points: 1 to 10,000.
        uint16 proceedsBps;
        /// Seconds the pool shares stay locked from the finalisation: between {LiquidityLock}'s MIN_LOCK and MAX_LOCK.
        uint32 lockDuration;
    }

    /// @notice The Uniswap V2 deployment a sale implementation opens pools on, and where their shares are locked.
    struct Market {
        address factory;
        /// The quote token of pools of sales paid in ETH.
        address weth;
        address lock;
        /// The hash of the pair's creation code, from which a pair's address follows before it exists.
        bytes32 pairCodeHash;
    }

    /// @notice Everything fixed about a sale. It is part of the sale contract's own code (ERC-1167 clone
    /// arguments), so nobody can change it and reading it costs no storage access.
    struct Config {
        /// The model token on sale; the sale holds `sale.tokensForSale` of it from launch.
        address token;
        /// Where proceeds, unsold tokens and dust go: the model DAO's timelock.
        address treasury;
        /// The team account that may cancel the sale before it starts, and nothing else.
        address admin;
        Fee fee;
        SaleParams sale;
        /// The pool the sale opens at finalisation, if any.
        PoolTerms pool;
    }

    /// @notice Emitted when `account` deposits `amount` (as received) and has `total` deposited in all.
    event Deposited(address indexed account, uint256 amount, uint256 total);

    /// @notice Emitted when the sale is finalised with `status` (Failed, Succeeded or Oversubscribed).
    event Finalized(Status status, uint256 raised, uint256 accepted, uint256 tokensSold, uint256 fee);

    /// @notice Emitted when `account`'s deposit is settled: `tokens` and `refund` sent to `to`, by `caller`.
    event Settled(address indexed account, address indexed to, address indexed caller, uint256 tokens, uint256 refund);

    /// @notice Emitted when the team cancels the sale before its start.
    event Cancelled();

    /// @notice Emitted when what is left after every depositor has settled goes to the treasury.
    event Swept(uint256 tokens, uint256 payment);

    /// @notice Emitted when the protocol fee is paid out.
    event FeePaid(address indexed recipient, uint256 amount);

    /// @notice Emitted when the payment ERC-20 has lost value in the sale's hands (a negative rebase, a slashing):
    /// it holds `held` but owes `owed` (proceeds not yet paid, the fee, refunds). The payout in the same
    /// transaction is its share of what is held: `amount * held / owed`, rounded down.
    event PaymentShortfall(uint256 held, uint256 owed);

    /// @notice Emitted when the finalisation opens the sale's pool: `tokens` and `quote` left the sale for it (a
    /// trade included, when someone had opened the pool before), `liquidity` shares were locked as lock `lockId` of
    /// the liquidity lock until `unlockAt`. What the reserve did not use went to the treasury.
    event PoolOpened(
        address indexed pair, uint256 tokens, uint256 quote, uint256 liquidity, uint256 lockId, uint64 unlockAt
    );

    /// @notice Emitted when the pool could not be opened (`reason` is the revert data): the finalisation goes on, and
    /// the liquidity reserve and the quote meant for the pool go to the treasury, which can open a pool itself.
    event PoolNotOpened(bytes reason);

    /// @notice Thrown when the sale window is not in the future or ends before it starts.
    error OfferingInvalidWindow(uint256 start, uint256 end, uint256 now_);

    /// @notice Thrown when the caps are not 0 < softCap <= hardCap.
    error OfferingInvalidCaps(uint256 softCap, uint256 hardCap);

    /// @notice Thrown when the price is zero.
    error OfferingInvalidPrice();

    /// @notice Thrown when the price does not fit 128 bits.
    error OfferingPriceTooHigh(uint256 price);

    /// @notice Thrown when a pool's terms are out of range: a reserve without a share of the proceeds (1 to 10,000
    /// basis points) or a lock outside `minLock` to `maxLock` seconds, or a pool asked of an implementation without
    /// a market.
    error OfferingInvalidPool(uint256 tokens, uint256 proceedsBps, uint256 lockDuration, uint256 minLock, uint256 maxLock);

    /// @notice Thrown when a finalisation that opens a pool has `gasLeft`, less than the `required` gas for it.
    error OfferingPoolGas(uint256 gasLeft, uint256 required);

    /// @notice Thrown (inside the pool step, which then gives way to {PoolNotOpened}) when the pair is not the one
    /// the launch excluded from revenue, or is no longer excluded.
    error OfferingPoolNotExcluded(address pair);

    /// @notice Thrown when the pool opening step is called by anyone but the sale itself.
    error OfferingOnlySelf(address caller);

    /// @notice Thrown when ETH arrives from anyone but WETH (unwrapping what the pool did not use).
    error OfferingUnexpectedETH(address sender);

    /// @notice Thrown when the hard cap would buy more than the tokens for sale (`maxRaise` at the price).
    error OfferingHardCapAboveSupply(uint256 hardCap, uint256 maxRaise);

    /// @notice Thrown when a deposit, cancel or finalisation comes at the wrong time for the sale's `status`.
    error OfferingWrongStatus(Status status);

    /// @notice Thrown when a deposit is zero (or a fee-on-transfer token delivered nothing).
    error OfferingZeroDeposit();

    /// @notice Thrown when ETH is sent to a sale paid in an ERC-20, or the ERC-20 path is used for an ETH sale.
    error OfferingWrongPaymentAsset(address paymentToken);

    /// @notice Thrown when `account`'s deposits would reach `total`, above the wallet cap `cap`.
    error OfferingWalletCapExceeded(address account, uint256 total, uint256 cap);

    /// @notice Thrown when `account` is not on the allowlist (or the proof is wrong).
    error OfferingNotAllowlisted(address account);

    /// @notice Thrown when `account` has nothing to settle (no deposit, or already settled).
    error OfferingNothingToSettle(address account);

    /// @notice Thrown when someone other than the team tries to cancel.
    error OfferingNotAdmin(address account);

    /// @notice Thrown when sweeping while `unsettled` deposits are still waiting for their owners.
    error OfferingNotFullySettled(uint256 unsettled);

    /// @notice Thrown when there is no fee to pay out.
    error OfferingNoFee();

    /// @notice Thrown when the sale implementation itself is called: only its clones carry terms.
    error OfferingNotASale();

    /// @notice Thrown when a claim would send a depositor's tokens and refund to `to`: the zero address or the
    /// sale itself, where they would be lost.
    error OfferingInvalidRecipient(address to);

    /// @notice Deposits ETH (the sale must be paid in ETH). `proof` is for allowlisted sales, else empty.
    function depositETH(bytes32[] calldata proof) external payable;

    /// @notice Deposits `amount` of the payment token, approved beforehand. Counted by what arrives.
    function deposit(uint256 amount, bytes32[] calldata proof) external;

    /// @notice Deposits `amount` of the payment token with an EIP-2612 permit instead of an approval.
    function depositWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes32[] calldata proof
    ) external;

    /// @notice Closes the sale after its window: decides the outcome, sends unsold tokens and proceeds (less the
    /// fee) to the treasury. Anyone may call it; settling does it too if nobody has. A successful sale with a pool
    /// opens it in the same call ({PoolOpened}); a failed or cancelled one sends the pool's reserve to the treasury.
    function finalize() external;

    /// @notice The finalisation's pool step, run by the sale on itself so that a pool that cannot be opened never
    /// stops the finalisation ({PoolNotOpened}). Reverts with {OfferingOnlySelf} for anyone else.
    function openPool(uint256 quoteAmount) external;

    /// @notice The Uniswap V2 deployment and liquidity lock the sale opens its pool with (those of its implementation).
    function market() external view returns (Market memory);

    /// @notice The address of the sale's pool (its Uniswap V2 pair of the model token and the payment token, or WETH
    /// for an ETH sale), whether or not it exists yet. The launch excludes it from revenue at this address.
    function pool() external view returns (address);

    /// @notice Settles `account`'s deposit: its tokens and refund go to `account`. Anyone may call it. If the
    /// payment ERC-20 lost value in the sale's hands, the refund is its share of what the sale holds, in
    /// proportion to what everyone is still owed ({PaymentShortfall}); the last depositor is paid like the first.
    function settle(address account) external;

    /// @notice Settles the caller's deposit, sending its tokens and refund to `to` (not the zero address, not the
    /// sale).
    function claim(address to) external;

    /// @notice Sends what rounding left (model tokens and payment) to the treasury, once everyone has settled. The
    /// unpaid fee stays; if the payment ERC-20 lost value so that less than the fee is left, no payment is swept.
    function sweep() external;

    /// @notice Pays the protocol fee to its recipient. Anyone may call it. If the payment ERC-20 lost value in the
    /// sale's hands, the fee bears its share of the loss, as every refund does ({PaymentShortfall}).
    function payFee() external;

    /// @notice Cancels the sale before it starts, returning the tokens for sale (and the pool's reserve) to the
    /// treasury. Team only.
    function cancel() external;

    /// @notice Where the sale stands now.
    function status() external view returns (Status);

    /// @notice The sale's fixed terms.
    function config() external view returns (Config memory);

    /// @notice The sale's parameters (`config().sale`).
    function params() external view returns (SaleParams memory);

    /// @notice Deposits so far, deposits settled, the payment kept and the tokens sold (both 0 until final),
    /// and the protocol fee not yet paid out.
    function totals()
        external
        view
        returns (uint256 deposits, uint256 settled, uint256 accepted, uint256 tokensSold, uint256 feeOwed);

    /// @notice What `account` has deposited and not yet settled (0 once settled: the `Settled` event records
    /// it), and the tokens and refund due for it if the sale closed now at the current raise (before any share
    /// of a loss of the payment ERC-20, see {settle}).
    function position(address account) external view returns (uint256 deposited, uint256 tokens, uint256 refund);

    /// @notice The tokens and refund a new deposit of `amount` would get if the sale closed now with it.
    function quote(uint256 amount) external view returns (uint256 tokens, uint256 refund);
}
