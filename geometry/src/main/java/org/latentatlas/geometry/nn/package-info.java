/**
 * Neural-network building blocks on the autodiff tape: {@link
 * org.latentatlas.geometry.nn.Module} with PyTorch-style dotted parameter names and train/eval
 * modes, layers ({@link org.latentatlas.geometry.nn.Linear}, {@link
 * org.latentatlas.geometry.nn.Mlp}, {@link org.latentatlas.geometry.nn.Sequential}, {@link
 * org.latentatlas.geometry.nn.LayerNorm}, {@link org.latentatlas.geometry.nn.BatchNorm1d}, {@link
 * org.latentatlas.geometry.nn.Dropout}, {@link org.latentatlas.geometry.nn.Conv2d}, {@link
 * org.latentatlas.geometry.nn.BatchNorm2d}, {@link org.latentatlas.geometry.nn.Pool2d}, {@link
 * org.latentatlas.geometry.nn.Residual}, activations), initialisers ({@link
 * org.latentatlas.geometry.nn.Init}), losses ({@link org.latentatlas.geometry.nn.Losses}) and
 * saving and loading of a model's state as NPZ with PyTorch {@code state_dict} names and layouts
 * ({@link org.latentatlas.geometry.nn.ModelIo}), so weights move between PyTorch and LatentAtlas.
 */
package org.latentatlas.geometry.nn;
