// ROC AUC as the Mann–Whitney U statistic: the probability that a random positive scores above a random
// negative, ties counting one half. Tied scores share their average rank, which is what makes the
// figure comparable with scikit-learn's roc_auc_score on forests whose leaves give equal scores.

/** Returns the ROC AUC of `scores` (higher = more anomalous) against 0/1 `labels`. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  if (labels.length !== n) throw new RangeError('rocAuc: scores and labels differ in length')
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!)
  let positives = 0
  let rankSum = 0
  let i = 0
  while (i < n) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++
    // Ranks are 1-based; a run of ties i..j shares the mean of ranks i+1..j+1.
    const rank = (i + j + 2) / 2
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++
        rankSum += rank
      }
    }
    i = j + 1
  }
  const negatives = n - positives
  if (positives === 0 || negatives === 0) {
    throw new RangeError('rocAuc: needs at least one positive and one negative label')
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
