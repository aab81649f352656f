// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {IUniswapV2Factory, IWETH9} from "../interfaces/IUniswapV2.sol";
import {LiquidityLock} from "../market/LiquidityLock.sol";
import {PairAddress} from "../market/PairAddress.sol";
import {PoolSeeding} from "../market/PoolSeeding.sol";
import {OfferingArgs} from "./OfferingArgs.sol";
import {SaleTerms} from "./SaleTerms.sol";

/// @title ModelOffering
/// @notice The sale of an Initial Model Offering (see {IModelOffering}). Deployed by the launch factory as an
/// ERC-1167 clone whose code carries the sale's {Config}: nobody can change a sale once it is launched, and
/// the team may only cancel it before it starts.
/// @dev Rounding always favours the pool: a depositor's tokens round down and the part of its deposit that is
/// kept rounds up, so the sum of what is paid out never exceeds what is held; the few units left once every
/// depositor has settled go to the treasury through {sweep}. The payment kept and the tokens sold are not
/// stored: both follow from the final total, which no longer changes once the window has closed.
///
/// A payment ERC-20 can lose value in the sale's hands (a negative rebase, a slashing). Every payment claim
/// (the treasury's proceeds, the fee, each refund) is then paid its share of what is held, in proportion to
/// what it is owed, instead of in full until the money runs out: see {_afterShortfall}. ETH never shrinks.
///
/// A sale with a pool ({PoolTerms}) holds the launch's liquidity reserve beside the tokens for sale, and its
/// finalisation opens the pool at the sale's price with the reserve and a share of the proceeds ({PoolSeeding}),
/// locks the pool shares for the treasury, and sends what the pool did not use to the treasury. The pool step runs
/// as a call of the sale on itself: if it fails (a payment token the pair refuses), the finalisation still completes
/// and the treasury receives the reserve and the quote instead, so no sale can be stuck by its pool.
contract ModelOffering is IModelOffering, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 private constant BPS = 10_000;
    /// @dev The gas a finalisation must have left for the pool step: creating the pair (about 2.1M), a trade with a
    /// pool opened before, the mint and the lock. Without it a caller could starve the step, let it fail, and have
    /// the finalisation send the reserve to the treasury instead of opening the pool.
    uint256 private constant POOL_GAS = 3_500_000;


    /// @dev The implementation's own address: in a clone, `address(this)` differs from it.
    address private immutable _implementation = address(this);

    // The Uniswap V2 deployment pools open on, in the implementation's code and so in every clone's.
    IUniswapV2Factory private immutable _uniswap;
    address private immutable _weth;
    LiquidityLock private immutable _lock;
    bytes32 private immutable _pairCodeHash;

    /// @notice The Uniswap V2 factory pools open on, the chain's WETH, the liquidity lock and the pair's creation
    /// code hash (all zero for an implementation whose sales open no pool).
    constructor(IModelOffering.Market memory market_) {
        _uniswap = IUniswapV2Factory(market_.factory);
        _weth = market_.weth;
        _lock = LiquidityLock(market_.lock);
        _pairCodeHash = market_.pairCodeHash;
    }

    /// @notice Accepts ETH only from WETH, when the sale unwraps what its pool did not use.
    receive() external payable {
        if (msg.sender != _weth) revert OfferingUnexpectedETH(msg.sender);
    }

    // One word, read and written by every deposit and settlement. 120 bits hold 1.3e36 payment units.
    uint120 private _totalDeposits;
    uint120 private _settledDeposits;
    Status private _finalStatus;
    uint256 private _feeOwed;
    /// @dev Each account's deposit not yet settled. Settling deletes it, which also refunds part of the gas.
    mapping(address account => uint256) private _deposits;

    // ------------------------------------------------------------------------------------------ deposits

    /// @inheritdoc IModelOffering
    function depositETH(bytes32[] calldata proof) external payable nonReentrant {
        Config memory c = _config();
        if (c.sale.paymentToken != address(0)) revert OfferingWrongPaymentAsset(c.sale.paymentToken);
        _recordDeposit(c, msg.sender, msg.value, proof);
    }

    /// @inheritdoc IModelOffering
    function deposit(uint256 amount, bytes32[] calldata proof) external nonReentrant {
        _depositToken(_config(), amount, proof);
    }

    /// @inheritdoc IModelOffering
    function depositWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes32[] calldata proof
    ) external nonReentrant {
        Config memory c = _config();
        // Checked before the permit: a call to the zero address would revert without a reason.
        if (c.sale.paymentToken == address(0)) revert OfferingWrongPaymentAsset(address(0));
        // A permit already used by someone who saw it in the mempool fails here, but leaves the allowance it
        // granted: go on, and let the transfer decide.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(c.sale.paymentToken).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _depositToken(c, amount, proof);
    }

    // ------------------------------------------------------------------------------------- after the sale

    /// @inheritdoc IModelOffering
    function finalize() external nonReentrant {
        Config memory c = _config();
        Status current = _status(c);
        if (current != Status.Ended) revert OfferingWrongStatus(current);
        _finalize(c);
    }

    /// @inheritdoc IModelOffering
    function settle(address account) external nonReentrant {
        _settle(account, account);
    }

    /// @inheritdoc IModelOffering
    function claim(address to) external nonReentrant {
        // The zero address would burn an ETH refund; the sale itself would keep what it pays as dust.
        if (to == address(0) || to == address(this)) revert OfferingInvalidRecipient(to);
        _settle(msg.sender, to);
    }

    /// @inheritdoc IModelOffering
    function sweep() external nonReentrant {
        Config memory c = _config();
        if (_finalStatus == Status.Upcoming) revert OfferingWrongStatus(_status(c));
        uint256 unsettled = _totalDeposits - _settledDeposits;
        if (unsettled != 0) revert OfferingNotFullySettled(unsettled);
        uint256 tokens = IERC20(c.token).balanceOf(address(this));
        // A payment token that shrank may leave less than the unpaid fee: then there is nothing to sweep.
        uint256 held = _paymentBalance(c);
        uint256 feeOwed = _feeOwed;
        uint256 payment = held > feeOwed ? held - feeOwed : 0;
        emit Swept(tokens, payment);
        if (tokens != 0) IERC20(c.token).safeTransfer(c.treasury, tokens);
        if (payment != 0) _pay(c, c.treasury, payment);
    }

    /// @inheritdoc IModelOffering
    function payFee() external nonReentrant {
        Config memory c = _config();
        uint256 owed = _feeOwed;
        if (owed == 0) revert OfferingNoFee();
        uint256 paid = owed;
        address paymentToken = c.sale.paymentToken;
        if (paymentToken != address(0)) {
            uint256 total = _totalDeposits;
            (, uint256 accepted,) = _outcome(c, total);
            paid = _afterShortfall(paymentToken, owed, owed + _refundsOwed(total - _settledDeposits, total, accepted));
        }
        _feeOwed = 0;
        emit FeePaid(c.fee.recipient, paid);
        if (paid != 0) _pay(c, c.fee.recipient, paid);
    }

    /// @inheritdoc IModelOffering
    function cancel() external nonReentrant {
        Config memory c = _config();
        if (msg.sender != c.admin) revert OfferingNotAdmin(msg.sender);
        Status current = _status(c);
        if (current != Status.Upcoming) revert OfferingWrongStatus(current);
        _finalStatus = Status.Cancelled;
        emit Cancelled();
        IERC20(c.token).safeTransfer(c.treasury, c.sale.tokensForSale + _poolTerms().tokens);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IModelOffering
    function config() public view returns (Config memory c) {
        c = _config();
        c.pool = _poolTerms();
    }

    /// @inheritdoc IModelOffering
    function params() external view returns (SaleParams memory) {
        return _config().sale;
    }

    /// @notice The model token on sale.
    function token() external view returns (address) {
        return _config().token;
    }

    /// @notice Where proceeds, unsold tokens and dust go: the model DAO's timelock.
    function treasury() external view returns (address) {
        return _config().treasury;
    }

    /// @notice The team account that may cancel the sale before it starts.
    function admin() external view returns (address) {
        return _config().admin;
    }

    /// @notice The protocol fee's recipient and rate.
    function fee() external view returns (Fee memory) {
        return _config().fee;
    }

    /// @inheritdoc IModelOffering
    function market() public view returns (Market memory) {
        return Market(address(_uniswap), _weth, address(_lock), _pairCodeHash);
    }

    /// @inheritdoc IModelOffering
    function pool() public view returns (address) {
        Config memory c = _config();
        address paymentToken = c.sale.paymentToken;
        return PairAddress.compute(
            address(_uniswap), _pairCodeHash, c.token, paymentToken == address(0) ? _weth : paymentToken
        );
    }

    /// @inheritdoc IModelOffering
    function status() external view returns (Status) {
        return _status(_config());
    }

    /// @inheritdoc IModelOffering
    function totals()
        external
        view
        returns (uint256 deposits, uint256 settled, uint256 accepted, uint256 tokensSold, uint256 feeOwed)
    {
        deposits = _totalDeposits;
        if (_finalStatus != Status.Upcoming) (, accepted, tokensSold) = _outcome(_config(), deposits);
        return (deposits, _settledDeposits, accepted, tokensSold, _feeOwed);
    }

    /// @inheritdoc IModelOffering
    function position(address account) external view returns (uint256 deposited, uint256 tokens, uint256 refund) {
        deposited = _deposits[account];
        Config memory c = _config();
        uint256 total = _totalDeposits;
        (Status outcome, uint256 accepted, uint256 sold) = _outcome(c, total);
        (tokens, refund) = _share(c, deposited, outcome, total, accepted, sold);
    }

    /// @inheritdoc IModelOffering
    function quote(uint256 amount) external view returns (uint256 tokens, uint256 refund) {
        Config memory c = _config();
        uint256 total = _totalDeposits + amount;
        (Status outcome, uint256 accepted, uint256 sold) = _outcome(c, total);
        return _share(c, amount, outcome, total, accepted, sold);
    }

    // --------------------------------------------------------------------------------------------- internal

    /// @dev The sale's terms, without its pool's: every call reads them, and only the finalisation and a cancellation
    /// need the pool's ({_poolTerms}).
    function _config() private view returns (Config memory) {
        // The implementation has no terms of its own; reading its code as terms must never succeed.
        if (address(this) == _implementation) revert OfferingNotASale();
        return OfferingArgs.decode(Clones.fetchCloneArgs(address(this)));
    }

    function _poolTerms() private view returns (PoolTerms memory) {
        return OfferingArgs.decodePool(Clones.fetchCloneArgs(address(this)));
    }

    function _status(Config memory c) private view returns (Status) {
        Status final_ = _finalStatus;
        if (final_ != Status.Upcoming) return final_;
        if (block.timestamp < c.sale.start) return Status.Upcoming;
        if (block.timestamp < c.sale.end) return Status.Live;
        return Status.Ended;
    }

    function _depositToken(Config memory c, uint256 amount, bytes32[] calldata proof) private {
        IERC20 paymentToken = IERC20(c.sale.paymentToken);
        if (address(paymentToken) == address(0)) revert OfferingWrongPaymentAsset(address(0));
        // Counted by what arrives, so a fee-on-transfer token cannot credit more than the sale holds.
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        _recordDeposit(c, msg.sender, paymentToken.balanceOf(address(this)) - before, proof);
    }

    function _recordDeposit(Config memory c, address account, uint256 amount, bytes32[] calldata proof) private {
        if (block.timestamp < c.sale.start || block.timestamp >= c.sale.end || _finalStatus != Status.Upcoming) {
            revert OfferingWrongStatus(_status(c));
        }
        if (amount == 0) revert OfferingZeroDeposit();
        uint256 previous = _deposits[account];
        // The allowlist is checked once, on the first deposit: a recorded deposit proves it.
        if (previous == 0 && c.sale.merkleRoot != bytes32(0)) {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account))));
            if (!MerkleProof.verifyCalldata(proof, c.sale.merkleRoot, leaf)) revert OfferingNotAllowlisted(account);
        }
        uint256 total = previous + amount;
        uint256 cap = c.sale.walletCap;
        if (cap != 0 && total > cap) revert OfferingWalletCapExceeded(account, total, cap);
        _deposits[account] = total;
        _totalDeposits = (uint256(_totalDeposits) + amount).toUint120();
        emit Deposited(account, amount, total);
    }

    function _finalize(Config memory c) private returns (Status outcome) {
        uint256 raised = _totalDeposits;
        uint256 accepted;
        uint256 sold;
        (outcome, accepted, sold) = _outcome(c, raised);
        // Rounds down: the treasury, not the fee, keeps the remainder.
        uint256 feeAmount = accepted * c.fee.bps / BPS;
        _finalStatus = outcome;
        _feeOwed = feeAmount;
        emit Finalized(outcome, raised, accepted, sold, feeAmount);

        uint256 proceeds = accepted - feeAmount;
        // Everything deposited is still owed at this point: the proceeds, the fee and every refund.
        address paymentToken = c.sale.paymentToken;
        if (proceeds != 0 && paymentToken != address(0)) proceeds = _afterShortfall(paymentToken, proceeds, raised);
        // A failed sale opens no pool: its reserve goes to the treasury with the unsold tokens.
        uint256 unsold = c.sale.tokensForSale - sold;
        PoolTerms memory pool_ = _poolTerms();
        if (pool_.tokens != 0) {
            if (sold == 0) {
                unsold += pool_.tokens;
            } else {
                uint256 quoteAmount = proceeds * pool_.proceedsBps / BPS;
                proceeds -= quoteAmount;
                uint256 gasLeft = gasleft();
                if (gasLeft < POOL_GAS) revert OfferingPoolGas(gasLeft, POOL_GAS);
                // solhint-disable-next-line no-empty-blocks
                try this.openPool(quoteAmount) {}
                catch (bytes memory reason) {
                    emit PoolNotOpened(reason);
                    unsold += pool_.tokens;
                    proceeds += quoteAmount;
                }
            }
        }
        if (unsold != 0) IERC20(c.token).safeTransfer(c.treasury, unsold);
        if (proceeds != 0) _pay(c, c.treasury, proceeds);
    }

    /// @inheritdoc IModelOffering
    function openPool(uint256 quoteAmount) external {
        if (msg.sender != address(this)) revert OfferingOnlySelf(msg.sender);
        Config memory c = config();
        IERC20 modelToken = IERC20(c.token);
        bool eth = c.sale.paymentToken == address(0);
        IERC20 quoteToken = IERC20(eth ? _weth : c.sale.paymentToken);
        if (eth) IWETH9(_weth).deposit{value: quoteAmount}();
        // Measured by balances: a trade with a pool someone opened before moves both sides.
        uint256 tokensBefore = modelToken.balanceOf(address(this));
        uint256 quoteBefore = quoteToken.balanceOf(address(this));
        PoolSeeding.Seeded memory s = PoolSeeding.seed(
            _uniswap, modelToken, quoteToken, c.pool.tokens, quoteAmount, c.sale.price, SaleTerms.ONE_TOKEN, address(this)
        );
        uint64 unlockAt = uint64(block.timestamp) + c.pool.lockDuration;
        IERC20(s.pair).forceApprove(address(_lock), s.liquidity);
        // The launch excluded the pool from revenue at its predicted address: a pair elsewhere (another pair code
        // hash) or one the DAO included again would earn revenue nobody can claim.
        if (s.pair != pool() || !IModelRevenue(c.token).isExcluded(s.pair)) {
            revert OfferingPoolNotExcluded(s.pair);
        }
        uint256 lockId = _lock.lock(IERC20(s.pair), s.liquidity, c.treasury, unlockAt);
        // What the reserve and the quote did not use (with what a trade brought in) goes to the treasury.
        uint256 tokensAfter = modelToken.balanceOf(address(this));
        uint256 quoteAfter = quoteToken.balanceOf(address(this));
        // What the seed spent, not the change in balances: a donation skimmed back from the pair is not the sale's
        // quote entering the pool.
        emit PoolOpened(s.pair, s.tokenUsed, s.quoteUsed, s.liquidity, lockId, unlockAt);
        uint256 tokensLeft = c.pool.tokens + tokensAfter - tokensBefore;
        uint256 quoteLeft = quoteAmount + quoteAfter - quoteBefore;
        if (tokensLeft != 0) modelToken.safeTransfer(c.treasury, tokensLeft);
        if (quoteLeft != 0) {
            if (eth) IWETH9(_weth).withdraw(quoteLeft);
            _pay(c, c.treasury, quoteLeft);
        }
    }

    function _settle(address account, address to) private {
        Config memory c = _config();
        Status current = _status(c);
        if (current == Status.Ended) {
            current = _finalize(c);
        } else if (current != Status.Failed && current != Status.Succeeded && current != Status.Oversubscribed) {
            revert OfferingWrongStatus(current);
        }
        uint256 deposited = _deposits[account];
        if (deposited == 0) revert OfferingNothingToSettle(account);
        uint256 total = _totalDeposits;
        (, uint256 accepted, uint256 sold) = _outcome(c, total);
        (uint256 tokens, uint256 refund) = _share(c, deposited, current, total, accepted, sold);
        address paymentToken = c.sale.paymentToken;
        if (refund != 0 && paymentToken != address(0)) {
            uint256 owed = _feeOwed + _refundsOwed(total - _settledDeposits, total, accepted);
            refund = _afterShortfall(paymentToken, refund, owed);
        }
        delete _deposits[account];
        // Cannot overflow: settled deposits never exceed total deposits, which fit 120 bits.
        _settledDeposits += uint120(deposited);
        emit Settled(account, to, msg.sender, tokens, refund);
        if (tokens != 0) IERC20(c.token).safeTransfer(to, tokens);
        if (refund != 0) _pay(c, to, refund);
    }

    /// @dev The outcome if the sale closed with `raised`: the status, the payment kept and the tokens sold.
    function _outcome(Config memory c, uint256 raised) private view returns (Status, uint256 accepted, uint256 sold) {
        if (_finalStatus == Status.Cancelled) return (Status.Cancelled, 0, 0);
        if (raised < c.sale.softCap) return (Status.Failed, 0, 0);
        uint256 hardCap = c.sale.hardCap;
        accepted = raised <= hardCap ? raised : hardCap;
        sold = Math.mulDiv(accepted, SaleTerms.ONE_TOKEN, c.sale.price);
        return (raised <= hardCap ? Status.Succeeded : Status.Oversubscribed, accepted, sold);
    }

    /// @dev One deposit's tokens and refund under an outcome. Tokens round down and the kept part rounds up,
    /// so that summed over all deposits neither exceeds what the sale holds.
    function _share(Config memory c, uint256 amount, Status outcome, uint256 total, uint256 accepted, uint256 sold)
        private
        pure
        returns (uint256 tokens, uint256 refund)
    {
        if (amount == 0) return (0, 0);
        if (outcome == Status.Failed || outcome == Status.Cancelled) return (0, amount);
        if (outcome == Status.Succeeded) return (Math.mulDiv(amount, SaleTerms.ONE_TOKEN, c.sale.price), 0);
        uint256 kept = Math.mulDiv(amount, accepted, total, Math.Rounding.Ceil);
        return (Math.mulDiv(amount, sold, total), amount - kept);
    }

    /// @dev At most what the `unsettled` deposits of a sale that closed with `total` and kept `accepted` are still
    /// owed in refunds: each deposit `a` is refunded `a - ceil(a * accepted / total)`, at most its exact share
    /// `a * (total - accepted) / total`, and the sum of those is rounded up. Exact for a failed sale (every
    /// deposit back) and zero for one that succeeded. `total` is not zero: a deposit is being paid.
    function _refundsOwed(uint256 unsettled, uint256 total, uint256 accepted) private pure returns (uint256) {
        return Math.mulDiv(unsettled, total - accepted, total, Math.Rounding.Ceil);
    }

    /// @dev What to pay of a claim `due` of the payment ERC-20 `paymentToken` when the claims still outstanding,
    /// `due` included, add up to `owed`: all of it while the sale holds `owed`, else its share of what is held,
    /// rounded down. Without a loss the sale always holds what it owes (rounding favours it), so this changes
    /// nothing. After a loss each claim bears its share of it, whatever the order they come in: paying one claim
    /// its share leaves the others at least the same share of what remains, so the last is paid, never refused.
    function _afterShortfall(address paymentToken, uint256 due, uint256 owed) private returns (uint256) {
        uint256 held = IERC20(paymentToken).balanceOf(address(this));
        if (held >= owed) return due;
        emit PaymentShortfall(held, owed);
        return Math.mulDiv(due, held, owed);
    }

    function _paymentBalance(Config memory c) private view returns (uint256) {
        address paymentToken = c.sale.paymentToken;
        return paymentToken == address(0) ? address(this).balance : IERC20(paymentToken).balanceOf(address(this));
    }

    function _pay(Config memory c, address to, uint256 amount) private {
        address paymentToken = c.sale.paymentToken;
        if (paymentToken == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(paymentToken).safeTransfer(to, amount);
    }
}
