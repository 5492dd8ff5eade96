// Public face of lib/learning: the local learning loop of `thoth advise` (advise; when the graph lacks
// something, learn it through the embedded pipeline and advise again), the environment it learns for,
// and the lock files it writes.
export { adviseWithLearning } from './loop.js';
export type { LearningInput, LearningProgress, LearningResult } from './loop.js';
// The session (the embedded pipeline: bus, investigator, engine) is not re-exported as a value: it
// loads Kafka and every step, and a warm `thoth advise` must not. Import './session.js' when learning.
export type { LearningSession, LearningSessionOptions, NotLearnable } from './session.js';
export { unresolvedPackageEnvelopes } from './messages.js';
export type { UnresolvedContext } from './messages.js';
export { learningTarget, platformTag } from './environment.js';
export type { LearningTarget } from './environment.js';
export { lockedStack, lockPath, writeLocks } from './lock.js';
export type { LockTarget } from './lock.js';
export { adviseProject } from './project.js';
export type { AdviseProject } from './project.js';
export { adviserDocument, adviserDocumentId } from './document.js';
export type { AdviserRunContext } from './document.js';
