// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev The shortest and longest locks, shared with the launch, which refuses a pool's terms the lock would refuse.
uint64 constant LIQUIDITY_MIN_LOCK = 180 days;
uint64 constant LIQUIDITY_MAX_LOCK = 20 * 365 days;

/// @title LiquidityLock
/// @notice Holds a launch's pool shares (Uniswap V2 LP tokens) until a time fixed when they are locked, then releases
/// them, to anyone's call, to the beneficiary named then (a model's treasury). No owner, no early exit, no way to
/// change a lock: whoever locks gives up the shares until `unlockAt`, and nobody can take them before.
///
/// One contract serves every launch: a lock is a record, not a contract, so locking costs two storage words.
contract LiquidityLock is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The shortest lock: pool shares are locked for at least this long.
    uint64 public constant MIN_LOCK = LIQUIDITY_MIN_LOCK;

    /// @notice The longest lock, so that a typo cannot lock shares for ever.
    uint64 public constant MAX_LOCK = LIQUIDITY_MAX_LOCK;

    /// @notice One lock: `amount` of `token` for `beneficiary` from `unlockAt` on.
    struct Lock {
        IERC20 token;
        uint64 unlockAt;
        address beneficiary;
        bool released;
        uint256 amount;
    }

    Lock[] private _locks;

    /// @notice Emitted when `from` locks `amount` of `token` (what arrived) as lock `id`.
    event Locked(
        uint256 indexed id, address indexed token, address indexed beneficiary, address from, uint256 amount, uint64 unlockAt
    );

    /// @notice Emitted when lock `id` is released to its beneficiary.
    event Released(uint256 indexed id, address indexed beneficiary, uint256 amount);

    /// @notice `unlockAt` is outside `min` to `max` (now plus {MIN_LOCK} to now plus {MAX_LOCK}).
    error LockTimeOutOfRange(uint256 unlockAt, uint256 min, uint256 max);

    /// @notice Nothing to lock (or nothing arrived), or no beneficiary.
    error LockEmpty();

    /// @notice The beneficiary cannot be `beneficiary` (the zero address or this contract).
    error LockInvalidBeneficiary(address beneficiary);

    /// @notice Lock `id` does not exist (`count` locks exist).
    error LockUnknown(uint256 id, uint256 count);

    /// @notice Lock `id` opens at `unlockAt`.
    error LockNotYetOpen(uint256 id, uint256 unlockAt);

    /// @notice Lock `id` was released already.
    error LockAlreadyReleased(uint256 id);

    /// @notice Locks `amount` of `token` (pulled from the caller; what arrives is locked) for `beneficiary` until
    /// `unlockAt`, at least {MIN_LOCK} and at most {MAX_LOCK} from now.
    /// @return id The lock's number.
    function lock(IERC20 token, uint256 amount, address beneficiary, uint64 unlockAt)
        external
        nonReentrant
        returns (uint256 id)
    {
        if (beneficiary == address(0) || beneficiary == address(this)) revert LockInvalidBeneficiary(beneficiary);
        uint256 min = block.timestamp + MIN_LOCK;
        uint256 max = block.timestamp + MAX_LOCK;
        if (unlockAt < min || unlockAt > max) revert LockTimeOutOfRange(unlockAt, min, max);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received == 0) revert LockEmpty();
        id = _locks.length;
        _locks.push(
            Lock({token: token, unlockAt: unlockAt, beneficiary: beneficiary, released: false, amount: received})
        );
        emit Locked(id, address(token), beneficiary, msg.sender, received, unlockAt);
    }

    /// @notice Sends lock `id`'s tokens to its beneficiary once it is open. Anyone may call it.
    function release(uint256 id) external nonReentrant {
        Lock storage l = _lock(id);
        if (l.released) revert LockAlreadyReleased(id);
        if (block.timestamp < l.unlockAt) revert LockNotYetOpen(id, l.unlockAt);
        l.released = true;
        emit Released(id, l.beneficiary, l.amount);
        l.token.safeTransfer(l.beneficiary, l.amount);
    }

    /// @notice Lock `id`.
    function lockOf(uint256 id) external view returns (Lock memory) {
        return _lock(id);
    }

    /// @notice How many locks were made.
    function lockCount() external view returns (uint256) {
        return _locks.length;
    }

    function _lock(uint256 id) private view returns (Lock storage) {
        uint256 count = _locks.length;
        if (id >= count) revert LockUnknown(id, count);
        return _locks[id];
    }
}
