/**
 * A small boosted-trees model: the sum of the trees' leaves, squashed by the logistic function.
 * Trees catch what a linear score cannot, such as "a name is missing" mattering only when the span is
 * a name. A node is [feature, threshold, left, right] (go left when the value is below the threshold);
 * a leaf is [-1, value].
 */
export type TreeNode = [number, number, number, number] | [-1, number];

export interface TreeModel {
  /** Feature names, in the order the nodes' feature numbers refer to. */
  features: readonly string[];
  base: number;
  trees: TreeNode[][];
}

/** The value of the leaf a row reaches. */
export function leafOf(tree: TreeNode[], x: readonly number[]): number {
  let node = tree[0] as TreeNode;
  while (node[0] >= 0) {
    const [feature, threshold, left, right] = node as [number, number, number, number];
    node = tree[(x[feature] as number) < threshold ? left : right] as TreeNode;
  }
  return node[1];
}

/** The model's probability for one row of feature values (in the model's feature order). */
export function predict(model: TreeModel, x: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) z += leafOf(tree, x);
  return 1 / (1 + Math.exp(-z));
}
