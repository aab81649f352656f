// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBondingCurve} from "../interfaces/IBondingCurve.sol";
import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {IUniswapV2Factory, IWETH9} from "../interfaces/IUniswapV2.sol";
import {CurveArgs} from "./CurveArgs.sol";
import {LiquidityLock} from "./LiquidityLock.sol";
import {PairAddress} from "./PairAddress.sol";
import {PoolSeeding} from "./PoolSeeding.sol";

/// @title BondingCurve
/// @notice A model token's bonding-curve launch (see {IBondingCurve}). Deployed by the launch factory as an ERC-1167
/// clone whose code carries the curve's {Config}: nobody can change a curve once it is launched, and it has no admin.
/// @dev The real reserve `R` and the tokens sold are stored; the tokens on the curve are `S = N - sold`. A buy of
/// `net` quote (after the fee) leaves `ceil(V·N / (V + R + net))` tokens on the curve and a sale of `t` tokens leaves
/// `ceil(V·N / (S + t)) - V` quote in the reserve: both round the curve's side up, so `(V + R) · S >= V · N` holds
/// after every trade, and the reserve always covers buying back every token sold (a sale never takes the reserve below
/// zero: `S + t <= N` gives `ceil(V·N / (S + t)) >= V`). The curve buys back only what each account bought from it,
/// net of its sales ({boughtOf}): the sum of those is the tokens sold, so tokens from elsewhere (the treasury's, the
/// team's once vested) can never take the reserve owed to buyers, before the deadline or after it.
///
/// Fees accrue beside the reserve and leave only through {collectFees}; ETH refunds a buyer could not receive accrue
/// beside both and leave only through {withdraw}. The quote the curve holds is always reserve + fees + credits (more
/// if someone sends it quote: that surplus is never paid out by the curve).
///
/// Nothing is stuck: before graduation the reserve is owed to sellers; graduation moves the reserve and every model
/// token the curve holds into the pool or to the treasury; past the deadline without graduation the reserve stays for
/// sellers (each can sell back what it bought, without fee, for good) and {reclaim} sends the model tokens to the
/// treasury; fees go through {collectFees} and credits through {withdraw}.
contract BondingCurve is IBondingCurve, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;
    /// @dev The gas a graduation must have left for the pool step: creating the pair (about 2.1M), a trade with a pool
    /// opened before, the mint and the lock. Without it a caller could starve the step, let it fail, and have the
    /// graduation send the reserve to the treasury instead of opening the pool.
    uint256 private constant POOL_GAS = 3_500_000;

    /// @dev The implementation's own address: in a clone, `address(this)` differs from it.
    address private immutable _implementation = address(this);

    // The Uniswap V2 deployment pools open on, in the implementation's code and so in every clone's.
    IUniswapV2Factory private immutable _uniswap;
    address private immutable _weth;
    LiquidityLock private immutable _lock;
    bytes32 private immutable _pairCodeHash;

    // One word, read and written by every trade. A reserve fits 128 bits (the launch checks the target) and the tokens
    // sold 96 (the supply does).
    uint128 private _reserve;
    uint96 private _sold;
    Status private _stage;
    // One word, written by trades with a fee and by refunds that could not be sent.
    uint128 private _fees;
    uint128 private _credits;
    mapping(address account => uint256) private _bought;
    mapping(address account => uint256) private _creditOf;

    /// @notice The Uniswap V2 factory pools open on, the chain's WETH, the liquidity lock and the pair's creation code
    /// hash, the same as the sales' ({IModelOffering-Market}).
    constructor(IModelOffering.Market memory market_) {
        _uniswap = IUniswapV2Factory(market_.factory);
        _weth = market_.weth;
        _lock = LiquidityLock(market_.lock);
        _pairCodeHash = market_.pairCodeHash;
    }

    /// @notice Accepts ETH only from WETH, when graduation unwraps what the pool did not use (buys send value with
    /// {buy}).
    receive() external payable {
        if (msg.sender != _weth) revert CurveUnexpectedETH(msg.sender);
    }

    // --------------------------------------------------------------------------------------------- trading

    /// @inheritdoc IBondingCurve
    function buy(uint256 quoteIn, uint256 minTokensOut, uint256 deadline)
        external
        payable
        nonReentrant
        returns (uint256 tokensOut)
    {
        if (block.timestamp > deadline) revert CurveTradeExpired(deadline, block.timestamp);
        Config memory c = config();
        Status current = _status(c);
        if (current != Status.Trading) revert CurveWrongStatus(current);
        uint256 paid = _receivePayment(c.curve.paymentToken, quoteIn);
        (uint256 fee, uint256 net, uint256 refund) = _fill(c, paid, _reserve, _feeBps(c));
        uint256 reserve = _reserve + net;
        uint256 onCurve = c.curve.tokensForCurve - _sold;
        tokensOut = onCurve - _onCurveAt(c, reserve);
        if (tokensOut == 0) revert CurveZeroAmount();
        if (tokensOut < minTokensOut) revert CurveSlippage(tokensOut, minTokensOut);

        // Cannot truncate: the reserve is at most the target (128 bits), the tokens sold at most the tokens for the
        // curve (96 bits), and the fees at most what was paid for them, below the payment token's supply.
        _reserve = uint128(reserve);
        _sold += uint96(tokensOut);
        if (fee != 0) _fees += uint128(fee);
        _bought[msg.sender] += tokensOut;
        emit Bought(msg.sender, paid - refund, fee, tokensOut, refund);
        if (reserve == c.curve.targetQuote) {
            _stage = Status.Graduating;
            emit TargetReached(reserve, onCurve - tokensOut);
        }
        IERC20(c.token).safeTransfer(msg.sender, tokensOut);
        if (refund != 0) _refund(c.curve.paymentToken, msg.sender, refund);
    }

    /// @inheritdoc IBondingCurve
    function sell(uint256 tokensIn, uint256 minQuoteOut, uint256 deadline)
        external
        nonReentrant
        returns (uint256 quoteOut)
    {
        if (block.timestamp > deadline) revert CurveTradeExpired(deadline, block.timestamp);
        Config memory c = config();
        Status current = _status(c);
        if (current != Status.Trading && current != Status.Refunding) revert CurveWrongStatus(current);
        if (tokensIn == 0) revert CurveZeroAmount();
        uint256 bought = _bought[msg.sender];
        if (tokensIn > bought) revert CurveSellExceedsBought(msg.sender, tokensIn, bought);
        (uint256 gross, uint256 fee) =
            _sellQuote(c, _reserve, c.curve.tokensForCurve - _sold + tokensIn, current == Status.Refunding);
        quoteOut = gross - fee;
        if (quoteOut < minQuoteOut) revert CurveSlippage(quoteOut, minQuoteOut);

        // Cannot underflow: the gross is at most the reserve (see the contract's notes), and what an account sells
        // back is at most what it bought, itself part of the tokens sold.
        unchecked {
            _reserve -= uint128(gross);
            _sold -= uint96(tokensIn);
            _bought[msg.sender] = bought - tokensIn;
        }
        // Cannot truncate: fees are at most the quote paid for them, below the payment token's supply.
        if (fee != 0) _fees += uint128(fee);
        emit Sold(msg.sender, tokensIn, quoteOut, fee);
        IERC20(c.token).safeTransferFrom(msg.sender, address(this), tokensIn);
        if (quoteOut != 0) _pay(c.curve.paymentToken, msg.sender, quoteOut);
    }

    // ---------------------------------------------------------------------------------------- graduation

    /// @inheritdoc IBondingCurve
    function graduate() external nonReentrant {
        Config memory c = config();
        Status current = _status(c);
        if (current != Status.Graduating) revert CurveWrongStatus(current);
        uint256 reserve = _reserve;
        uint256 onCurve = c.curve.tokensForCurve - _sold;
        _stage = Status.Graduated;
        _reserve = 0;
        uint256 gasLeft = gasleft();
        if (gasLeft < POOL_GAS) revert CurveGraduationGas(gasLeft, POOL_GAS);
        // The pool opens at the curve's final price, (V + R) / S quote units per token unit.
        // solhint-disable-next-line no-empty-blocks
        try this.openPool(reserve, onCurve + c.reserveTokens, c.curve.virtualQuote + reserve, onCurve) {}
        catch (bytes memory reason) {
            emit PoolNotOpened(reason);
            uint256 tokens = IERC20(c.token).balanceOf(address(this));
            if (tokens != 0) IERC20(c.token).safeTransfer(c.treasury, tokens);
            _pay(c.curve.paymentToken, c.treasury, reserve);
        }
    }

    /// @inheritdoc IBondingCurve
    function openPool(uint256 quoteAmount, uint256 tokenAmount, uint256 priceNum, uint256 priceDen) external {
        if (msg.sender != address(this)) revert CurveOnlySelf(msg.sender);
        Config memory c = config();
        bool eth = c.curve.paymentToken == address(0);
        IERC20 quoteToken = IERC20(eth ? _weth : c.curve.paymentToken);
        if (eth) IWETH9(_weth).deposit{value: quoteAmount}();
        // Measured by balance: a trade with a pool someone opened before moves both sides.
        uint256 quoteBefore = quoteToken.balanceOf(address(this));
        _seedAndLock(c, quoteToken, quoteAmount, tokenAmount, priceNum, priceDen);
        uint256 quoteLeft = quoteAmount + quoteToken.balanceOf(address(this)) - quoteBefore;
        // Every token sold is with its buyer: what the curve still holds (the pool's leftovers, anything sent to it)
        // is the treasury's. Of the quote, only what the reserve did not use: fees and credits stay.
        uint256 tokensLeft = IERC20(c.token).balanceOf(address(this));
        if (tokensLeft != 0) IERC20(c.token).safeTransfer(c.treasury, tokensLeft);
        if (quoteLeft != 0) {
            if (eth) IWETH9(_weth).withdraw(quoteLeft);
            _pay(c.curve.paymentToken, c.treasury, quoteLeft);
        }
    }

    // ------------------------------------------------------------------------------------ fees and leftovers

    /// @inheritdoc IBondingCurve
    function collectFees() external nonReentrant {
        Config memory c = config();
        uint256 fees = _fees;
        if (fees == 0) revert CurveNoFees();
        _fees = 0;
        address paymentToken = c.curve.paymentToken;
        if (c.curve.feesToHolders) {
            // A token that refuses the deposit (no eligible supply, an asset it does not accept) must not keep the
            // fees here: they go to the treasury instead.
            if (paymentToken == address(0)) {
                try IModelRevenue(c.token).depositETH{value: fees}() {
                    emit FeesCollected(c.token, fees, true);
                    return;
                } catch {} // solhint-disable-line no-empty-blocks
            } else {
                IERC20(paymentToken).forceApprove(c.token, fees);
                try IModelRevenue(c.token).deposit(paymentToken, fees) {
                    emit FeesCollected(c.token, fees, true);
                    return;
                } catch {
                    IERC20(paymentToken).forceApprove(c.token, 0);
                }
            }
        }
        emit FeesCollected(c.treasury, fees, false);
        _pay(paymentToken, c.treasury, fees);
    }

    /// @inheritdoc IBondingCurve
    function reclaim() external nonReentrant {
        Config memory c = config();
        Status current = _status(c);
        if (current != Status.Refunding) revert CurveWrongStatus(current);
        uint256 tokens = IERC20(c.token).balanceOf(address(this));
        if (tokens == 0) revert CurveNothingToReclaim();
        emit Reclaimed(c.treasury, tokens);
        IERC20(c.token).safeTransfer(c.treasury, tokens);
    }

    /// @inheritdoc IBondingCurve
    function withdraw(address to) external nonReentrant {
        if (to == address(0)) revert CurveInvalidRecipient(to);
        uint256 credit = _creditOf[msg.sender];
        if (credit == 0) revert CurveNothingToWithdraw(msg.sender);
        delete _creditOf[msg.sender];
        // Cannot underflow: the total is the sum of every account's credit. Cannot truncate: credits are payments.
        unchecked {
            _credits -= uint128(credit);
        }
        emit CreditWithdrawn(msg.sender, to, credit);
        Address.sendValue(payable(to), credit);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IBondingCurve
    function config() public view returns (Config memory) {
        // The implementation has no terms of its own; reading its code as terms must never succeed.
        if (address(this) == _implementation) revert CurveNotACurve();
        return CurveArgs.decode(Clones.fetchCloneArgs(address(this)));
    }

    /// @inheritdoc IBondingCurve
    function status() external view returns (Status) {
        return _status(config());
    }

    /// @inheritdoc IBondingCurve
    function state() external view returns (uint256 reserve, uint256 tokensOnCurve, uint256 fees, uint256 credits) {
        return (_reserve, config().curve.tokensForCurve - _sold, _fees, _credits);
    }

    /// @inheritdoc IBondingCurve
    function boughtOf(address account) external view returns (uint256) {
        return _bought[account];
    }

    /// @inheritdoc IBondingCurve
    function creditOf(address account) external view returns (uint256) {
        return _creditOf[account];
    }

    /// @inheritdoc IBondingCurve
    function currentFeeBps() external view returns (uint256) {
        Config memory c = config();
        return _status(c) == Status.Refunding ? 0 : _feeBps(c);
    }

    /// @inheritdoc IBondingCurve
    function quoteBuy(uint256 quoteIn) external view returns (uint256 tokensOut, uint256 fee, uint256 refund) {
        Config memory c = config();
        if (_status(c) != Status.Trading) return (0, 0, quoteIn);
        uint256 net;
        (fee, net, refund) = _fill(c, quoteIn, _reserve, _feeBps(c));
        tokensOut = c.curve.tokensForCurve - _sold - _onCurveAt(c, _reserve + net);
    }

    /// @inheritdoc IBondingCurve
    function quoteSell(uint256 tokensIn) external view returns (uint256 quoteOut, uint256 fee) {
        Config memory c = config();
        Status current = _status(c);
        uint256 sold = _sold;
        if ((current != Status.Trading && current != Status.Refunding) || tokensIn > sold) return (0, 0);
        uint256 gross;
        (gross, fee) = _sellQuote(c, _reserve, c.curve.tokensForCurve - sold + tokensIn, current == Status.Refunding);
        quoteOut = gross - fee;
    }

    /// @inheritdoc IBondingCurve
    function market() external view returns (IModelOffering.Market memory) {
        return IModelOffering.Market(address(_uniswap), _weth, address(_lock), _pairCodeHash);
    }

    /// @inheritdoc IBondingCurve
    function pool() public view returns (address) {
        Config memory c = config();
        address paymentToken = c.curve.paymentToken;
        return PairAddress.compute(
            address(_uniswap), _pairCodeHash, c.token, paymentToken == address(0) ? _weth : paymentToken
        );
    }

    // --------------------------------------------------------------------------------------------- internal

    function _status(Config memory c) private view returns (Status) {
        Status stage = _stage;
        if (stage != Status.Trading) return stage;
        return block.timestamp < c.curve.deadline ? Status.Trading : Status.Refunding;
    }

    /// @dev The fee of a trade now: the opening fee in the launch block, falling linearly to the trading fee over the
    /// opening blocks. The fall rounds down, so the fee is never below the line.
    function _feeBps(Config memory c) private view returns (uint256) {
        uint256 elapsed = block.number - c.launchBlock;
        uint256 blocks = c.curve.openingBlocks;
        uint256 base = c.curve.feeBps;
        if (elapsed >= blocks) return base;
        uint256 opening = c.curve.openingFeeBps;
        return opening - (opening - base) * elapsed / blocks;
    }

    /// @dev Splits a payment `paid` into the fee (rounded up), what enters the reserve, and the refund of what would
    /// pass the target: then exactly the target is filled, with the fee on that part alone (rounded up).
    function _fill(Config memory c, uint256 paid, uint256 reserve, uint256 bps)
        private
        pure
        returns (uint256 fee, uint256 net, uint256 refund)
    {
        fee = Math.mulDiv(paid, bps, BPS, Math.Rounding.Ceil);
        net = paid - fee;
        uint256 room = c.curve.targetQuote - reserve;
        if (net >= room) {
            // The fee on `room` entering is at most the fee on `paid`, since `room` is at most `paid`'s net.
            net = room;
            fee = Math.mulDiv(room, bps, BPS - bps, Math.Rounding.Ceil);
            refund = paid - room - fee;
        }
    }

    /// @dev The tokens left on the curve when its reserve is `reserve`: `V·N / (V + reserve)`, rounded up (the tokens a
    /// buyer receives round down).
    function _onCurveAt(Config memory c, uint256 reserve) private pure returns (uint256) {
        uint256 v = c.curve.virtualQuote;
        return Math.mulDiv(v, c.curve.tokensForCurve, v + reserve, Math.Rounding.Ceil);
    }

    /// @dev What a sale leaving `onCurve` tokens on the curve takes from the reserve: `V + reserve - V·N / onCurve`
    /// with the division rounded up (the seller's side rounds down), and its fee (none when refunding), rounded up.
    function _sellQuote(Config memory c, uint256 reserve, uint256 onCurve, bool refunding)
        private
        view
        returns (uint256 gross, uint256 fee)
    {
        uint256 v = c.curve.virtualQuote;
        gross = v + reserve - Math.mulDiv(v, c.curve.tokensForCurve, onCurve, Math.Rounding.Ceil);
        if (!refunding) fee = Math.mulDiv(gross, _feeBps(c), BPS, Math.Rounding.Ceil);
    }

    /// @dev Takes a buy's payment: `quoteIn` as value for ETH, else pulled and counted by what arrives (a
    /// fee-on-transfer token cannot credit more than the curve holds).
    function _receivePayment(address paymentToken, uint256 quoteIn) private returns (uint256 paid) {
        if (paymentToken == address(0)) {
            if (msg.value != quoteIn) revert CurveWrongPayment(quoteIn, msg.value);
            paid = quoteIn;
        } else {
            if (msg.value != 0) revert CurveWrongPayment(quoteIn, msg.value);
            uint256 before = IERC20(paymentToken).balanceOf(address(this));
            IERC20(paymentToken).safeTransferFrom(msg.sender, address(this), quoteIn);
            paid = IERC20(paymentToken).balanceOf(address(this)) - before;
        }
        if (paid == 0) revert CurveZeroAmount();
    }

    /// @dev Returns what a buy did not use. An ETH refund the buyer cannot receive (a contract that refuses it) is
    /// credited for {withdraw} rather than reverting the buy or staying here unaccounted.
    function _refund(address paymentToken, address to, uint256 amount) private {
        if (paymentToken != address(0)) {
            IERC20(paymentToken).safeTransfer(to, amount);
            return;
        }
        // solhint-disable-next-line avoid-low-level-calls
        (bool sent,) = to.call{value: amount}("");
        if (sent) return;
        _creditOf[to] += amount;
        // Cannot truncate: credits are part of payments, below the ETH supply.
        _credits += uint128(amount);
        emit RefundCredited(to, amount);
    }

    /// @dev Seeds the pool ({PoolSeeding}) and locks its shares for the treasury until now + the lock duration.
    function _seedAndLock(
        Config memory c,
        IERC20 quoteToken,
        uint256 quoteAmount,
        uint256 tokenAmount,
        uint256 priceNum,
        uint256 priceDen
    ) private {
        PoolSeeding.Seeded memory s = PoolSeeding.seed(
            _uniswap, IERC20(c.token), quoteToken, tokenAmount, quoteAmount, priceNum, priceDen, address(this)
        );
        // The launch excluded the pool from revenue at its predicted address: a pair elsewhere or one the DAO included
        // again would earn revenue nobody can claim.
        if (s.pair != pool() || !IModelRevenue(c.token).isExcluded(s.pair)) revert CurvePoolNotExcluded(s.pair);
        uint64 unlockAt = uint64(block.timestamp) + c.curve.lockDuration;
        IERC20(s.pair).forceApprove(address(_lock), s.liquidity);
        uint256 lockId = _lock.lock(IERC20(s.pair), s.liquidity, c.treasury, unlockAt);
        emit Graduated(s.pair, s.tokenUsed, s.quoteUsed, s.liquidity, lockId, unlockAt);
    }

    function _pay(address paymentToken, address to, uint256 amount) private {
        if (paymentToken == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(paymentToken).safeTransfer(to, amount);
    }
}
