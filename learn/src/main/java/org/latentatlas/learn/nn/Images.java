package org.latentatlas.learn.nn;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/** The boundary check of the image networks and layers: a batch of channels-first images. */
public final class Images {

  private Images() {}

  /**
   * Checks that {@code images} is a batch of images {@code [n, channels, h, w]}.
   *
   * @param owner names the network or layer in the message; its {@code toString()} is called only
   *     when the check fails
   * @param name the argument's name
   * @param images the tensor to check
   * @param channels the expected number of channels
   * @throws IllegalArgumentException if {@code images} is null or not of that shape
   */
  public static void check(Object owner, String name, Tensor images, int channels) {
    Checks.notNull(name, images);
    if (images.rank() != 4 || images.shape(1) != channels) {
      throw new IllegalArgumentException(
          owner
              + ": "
              + name
              + " of shape "
              + Arrays.toString(images.shape())
              + " must be [n, "
              + channels
              + ", h, w]");
    }
  }
}
