// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @title ModelOffering
/// @notice The sale of an Initial Model Offering (see {IModelOffering}). Deployed as an ERC-1167 clone per
/// launch. Nobody can change a sale once it is launched: the team may only cancel it before it starts.
/// @dev Rounding always favours the pool: a depositor's tokens round down and the part of its deposit that is
/// kept rounds up, so the sum of what is paid out never exceeds what is held; the few units left once every
/// depositor has settled go to the treasury through {sweep}.
contract ModelOffering is IModelOffering, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 private constant ONE_TOKEN = 1e18;
    uint256 private constant BPS = 10_000;

    /// @dev One deposit record per account: one word, written once on the first deposit.
    struct Position {
        uint128 deposited;
        bool settled;
    }

    // Word 0, read by every deposit: the payment asset, the window, the final status and whether there is an
    // allowlist to check (so the root is read only when there is one).
    address private _paymentToken;
    uint40 private _start;
    uint40 private _end;
    Status private _finalStatus;
    bool private _hasAllowlist;
    // Word 1, read and written by every deposit.
    uint128 private _totalDeposits;
    uint128 private _walletCap;
    // Settlement state.
    uint128 private _settledDeposits;
    uint128 private _accepted;
    uint128 private _softCap;
    uint128 private _hardCap;
    uint128 private _tokensSold;
    uint128 private _feeOwed;
    IERC20 private _token;
    uint16 private _feeBps;
    address private _treasury;
    address private _feeRecipient;
    address private _admin;
    uint256 private _tokensForSale;
    uint256 private _price;
    bytes32 private _merkleRoot;
    mapping(address account => Position) private _positions;

    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IModelOffering
    function initialize(address token_, SaleParams calldata p, address treasury_, Fee calldata fee_, address admin_)
        external
        initializer
    {
        if (p.start < block.timestamp || p.end <= p.start) revert OfferingInvalidWindow(p.start, p.end, block.timestamp);
        if (p.softCap == 0 || p.softCap > p.hardCap) revert OfferingInvalidCaps(p.softCap, p.hardCap);
        if (p.price == 0) revert OfferingInvalidPrice();
        uint256 maxRaise = Math.mulDiv(p.tokensForSale, p.price, ONE_TOKEN);
        if (p.hardCap > maxRaise) revert OfferingHardCapAboveSupply(p.hardCap, maxRaise);

        _paymentToken = p.paymentToken;
        _start = p.start;
        _end = p.end;
        _hasAllowlist = p.merkleRoot != bytes32(0);
        _walletCap = p.walletCap;
        _softCap = p.softCap;
        _hardCap = p.hardCap;
        _token = IERC20(token_);
        _feeBps = fee_.bps;
        _treasury = treasury_;
        _feeRecipient = fee_.recipient;
        _admin = admin_;
        _tokensForSale = p.tokensForSale;
        _price = p.price;
        _merkleRoot = p.merkleRoot;
    }

    // ------------------------------------------------------------------------------------------ deposits

    /// @inheritdoc IModelOffering
    function depositETH(bytes32[] calldata proof) external payable nonReentrant {
        if (_paymentToken != address(0)) revert OfferingWrongPaymentAsset(_paymentToken);
        _recordDeposit(msg.sender, msg.value, proof);
    }

    /// @inheritdoc IModelOffering
    function deposit(uint256 amount, bytes32[] calldata proof) external nonReentrant {
        _depositToken(amount, proof);
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
        // A permit already used by someone who saw it in the mempool fails here, but leaves the allowance it
        // granted: go on, and let the transfer decide.
        try IERC20Permit(_paymentToken).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _depositToken(amount, proof);
    }

    // ------------------------------------------------------------------------------------- after the sale

    /// @inheritdoc IModelOffering
    function finalize() external nonReentrant {
        Status current = status();
        if (current != Status.Ended) revert OfferingWrongStatus(current);
        _finalize();
    }

    /// @inheritdoc IModelOffering
    function settle(address account) external nonReentrant {
        _settle(account, account);
    }

    /// @inheritdoc IModelOffering
    function claim(address to) external nonReentrant {
        _settle(msg.sender, to);
    }

    /// @inheritdoc IModelOffering
    function sweep() external nonReentrant {
        Status current = _finalStatus;
        if (current == Status.Upcoming) revert OfferingWrongStatus(status());
        uint256 unsettled = _totalDeposits - _settledDeposits;
        if (unsettled != 0) revert OfferingNotFullySettled(unsettled);
        uint256 tokens = _token.balanceOf(address(this));
        uint256 payment = _paymentBalance() - _feeOwed;
        if (tokens != 0) _token.safeTransfer(_treasury, tokens);
        if (payment != 0) _pay(_treasury, payment);
        emit Swept(tokens, payment);
    }

    /// @inheritdoc IModelOffering
    function payFee() external nonReentrant {
        uint256 owed = _feeOwed;
        if (owed == 0) revert OfferingNoFee();
        _feeOwed = 0;
        _pay(_feeRecipient, owed);
        emit FeePaid(_feeRecipient, owed);
    }

    /// @inheritdoc IModelOffering
    function cancel() external nonReentrant {
        if (msg.sender != _admin) revert OfferingNotAdmin(msg.sender);
        Status current = status();
        if (current != Status.Upcoming) revert OfferingWrongStatus(current);
        _finalStatus = Status.Cancelled;
        _token.safeTransfer(_treasury, _tokensForSale);
        emit Cancelled();
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IModelOffering
    function status() public view returns (Status) {
        Status final_ = _finalStatus;
        if (final_ != Status.Upcoming) return final_;
        if (block.timestamp < _start) return Status.Upcoming;
        if (block.timestamp < _end) return Status.Live;
        return Status.Ended;
    }

    /// @inheritdoc IModelOffering
    function params() external view returns (SaleParams memory) {
        return SaleParams({
            paymentToken: _paymentToken,
            tokensForSale: _tokensForSale,
            price: _price,
            softCap: _softCap,
            hardCap: _hardCap,
            walletCap: _walletCap,
            merkleRoot: _merkleRoot,
            start: _start,
            end: _end
        });
    }

    /// @notice The model token on sale.
    function token() external view returns (address) {
        return address(_token);
    }

    /// @notice Where proceeds, unsold tokens and dust go: the model DAO's timelock.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice The team account that may cancel the sale before it starts.
    function admin() external view returns (address) {
        return _admin;
    }

    /// @notice The protocol fee's recipient and rate.
    function fee() external view returns (Fee memory) {
        return Fee({recipient: _feeRecipient, bps: _feeBps});
    }

    /// @notice Deposits so far, deposits settled, the payment kept (0 until final), tokens sold (0 until
    /// final) and the fee not yet paid out.
    function totals()
        external
        view
        returns (uint256 deposits, uint256 settled, uint256 accepted, uint256 tokensSold, uint256 feeOwed)
    {
        return (_totalDeposits, _settledDeposits, _accepted, _tokensSold, _feeOwed);
    }

    /// @inheritdoc IModelOffering
    function position(address account)
        external
        view
        returns (uint256 deposited, bool settled, uint256 tokens, uint256 refund)
    {
        Position memory p = _positions[account];
        (Status outcome, uint256 accepted, uint256 sold) = _outcome(_totalDeposits);
        (tokens, refund) = _share(p.deposited, outcome, _totalDeposits, accepted, sold);
        return (p.deposited, p.settled, tokens, refund);
    }

    /// @inheritdoc IModelOffering
    function quote(uint256 amount) external view returns (uint256 tokens, uint256 refund) {
        uint256 total = _totalDeposits + amount;
        (Status outcome, uint256 accepted, uint256 sold) = _outcome(total);
        return _share(amount, outcome, total, accepted, sold);
    }

    // --------------------------------------------------------------------------------------------- internal

    function _depositToken(uint256 amount, bytes32[] calldata proof) private {
        address paymentToken = _paymentToken;
        if (paymentToken == address(0)) revert OfferingWrongPaymentAsset(address(0));
        // Counted by what arrives, so a fee-on-transfer token cannot credit more than the sale holds.
        uint256 before = IERC20(paymentToken).balanceOf(address(this));
        IERC20(paymentToken).safeTransferFrom(msg.sender, address(this), amount);
        _recordDeposit(msg.sender, IERC20(paymentToken).balanceOf(address(this)) - before, proof);
    }

    function _recordDeposit(address account, uint256 amount, bytes32[] calldata proof) private {
        if (block.timestamp < _start || block.timestamp >= _end || _finalStatus != Status.Upcoming) {
            revert OfferingWrongStatus(status());
        }
        if (amount == 0) revert OfferingZeroDeposit();
        Position storage p = _positions[account];
        uint256 previous = p.deposited;
        // The allowlist is checked once, on the first deposit: a recorded deposit proves it.
        if (previous == 0 && _hasAllowlist) {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account))));
            if (!MerkleProof.verifyCalldata(proof, _merkleRoot, leaf)) revert OfferingNotAllowlisted(account);
        }
        uint256 total = previous + amount;
        uint256 cap = _walletCap;
        if (cap != 0 && total > cap) revert OfferingWalletCapExceeded(account, total, cap);
        p.deposited = total.toUint128();
        _totalDeposits = (uint256(_totalDeposits) + amount).toUint128();
        emit Deposited(account, amount, total);
    }

    function _finalize() private {
        uint256 raised = _totalDeposits;
        (Status outcome, uint256 accepted, uint256 sold) = _outcome(raised);
        // Rounds down: the treasury, not the fee, keeps the remainder.
        uint256 feeAmount = accepted * _feeBps / BPS;
        _finalStatus = outcome;
        _accepted = accepted.toUint128();
        _tokensSold = sold.toUint128();
        _feeOwed = feeAmount.toUint128();
        emit Finalized(outcome, raised, accepted, sold, feeAmount);

        uint256 unsold = _tokensForSale - sold;
        if (unsold != 0) _token.safeTransfer(_treasury, unsold);
        if (accepted - feeAmount != 0) _pay(_treasury, accepted - feeAmount);
    }

    function _settle(address account, address to) private {
        Status current = status();
        if (current == Status.Ended) {
            _finalize();
            current = _finalStatus;
        } else if (current != Status.Failed && current != Status.Succeeded && current != Status.Oversubscribed) {
            revert OfferingWrongStatus(current);
        }
        Position storage p = _positions[account];
        uint256 deposited = p.deposited;
        if (deposited == 0 || p.settled) revert OfferingNothingToSettle(account);
        (uint256 tokens, uint256 refund) = _share(deposited, current, _totalDeposits, _accepted, _tokensSold);
        p.settled = true;
        _settledDeposits += uint128(deposited); // Cannot overflow: settled deposits <= total deposits.
        emit Settled(account, to, msg.sender, tokens, refund);
        if (tokens != 0) _token.safeTransfer(to, tokens);
        if (refund != 0) _pay(to, refund);
    }

    /// @dev The outcome if the sale closed with `raised`: the status, the payment kept and the tokens sold.
    function _outcome(uint256 raised) private view returns (Status, uint256 accepted, uint256 sold) {
        if (_finalStatus == Status.Cancelled) return (Status.Cancelled, 0, 0);
        if (raised < _softCap) return (Status.Failed, 0, 0);
        uint256 hardCap = _hardCap;
        if (raised <= hardCap) return (Status.Succeeded, raised, Math.mulDiv(raised, ONE_TOKEN, _price));
        return (Status.Oversubscribed, hardCap, Math.mulDiv(hardCap, ONE_TOKEN, _price));
    }

    /// @dev One deposit's tokens and refund under an outcome. Tokens round down and the kept part rounds up,
    /// so that summed over all deposits neither exceeds what the sale holds.
    function _share(uint256 amount, Status outcome, uint256 total, uint256 accepted, uint256 sold)
        private
        view
        returns (uint256 tokens, uint256 refund)
    {
        if (amount == 0) return (0, 0);
        if (outcome == Status.Failed || outcome == Status.Cancelled) return (0, amount);
        if (outcome == Status.Succeeded) return (Math.mulDiv(amount, ONE_TOKEN, _price), 0);
        uint256 kept = Math.mulDiv(amount, accepted, total, Math.Rounding.Ceil);
        return (Math.mulDiv(amount, sold, total), amount - kept);
    }

    function _paymentBalance() private view returns (uint256) {
        address paymentToken = _paymentToken;
        return paymentToken == address(0) ? address(this).balance : IERC20(paymentToken).balanceOf(address(this));
    }

    function _pay(address to, uint256 amount) private {
        address paymentToken = _paymentToken;
        if (paymentToken == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(paymentToken).safeTransfer(to, amount);
    }
}
