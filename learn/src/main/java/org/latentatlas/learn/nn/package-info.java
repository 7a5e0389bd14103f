/**
 * Neural-network building blocks on the autodiff tape: {@link
 * org.latentatlas.learn.nn.Module} with PyTorch-style dotted parameter names and train/eval
 * modes, layers ({@link org.latentatlas.learn.nn.Linear}, {@link
 * org.latentatlas.learn.nn.Mlp}, {@link org.latentatlas.learn.nn.Sequential}, {@link
 * org.latentatlas.learn.nn.LayerNorm}, {@link org.latentatlas.learn.nn.BatchNorm1d}, {@link
 * org.latentatlas.learn.nn.Dropout}, {@link org.latentatlas.learn.nn.Conv2d}, {@link
 * org.latentatlas.learn.nn.BatchNorm2d}, {@link org.latentatlas.learn.nn.Pool2d}, {@link
 * org.latentatlas.learn.nn.Residual}, activations), initialisers ({@link
 * org.latentatlas.learn.nn.Init}), losses ({@link org.latentatlas.learn.nn.Losses}) and
 * saving and loading of a model's state as NPZ with PyTorch {@code state_dict} names and layouts
 * ({@link org.latentatlas.learn.nn.ModelIo}), so weights move between PyTorch and LatentAtlas.
 */
package org.latentatlas.learn.nn;
