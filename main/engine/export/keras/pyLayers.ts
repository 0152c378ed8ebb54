/** deepwire_layers.py: the custom objects a Deepwire .keras file names (import it before keras.saving.load_model). */
export const DEEPWIRE_LAYERS_PY = `"""Deepwire's custom Keras 3 layers. Import this module before loading the .keras file:

    import keras, deepwire_layers
    model = keras.saving.load_model("model.keras")
"""
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="Deepwire")
class LRN(keras.layers.Layer):
    """Local response normalisation across channels (channels last), as tf.nn.local_response_normalization:
    b = a / (bias + alpha * sum(a^2 over 2*depthRadius+1 channels)) ** beta."""

    def __init__(self, depthRadius=2, bias=1.0, alpha=1.0, beta=0.5, **kwargs):
        super().__init__(**kwargs)
        self.depthRadius, self.bias, self.alpha, self.beta = depthRadius, bias, alpha, beta

    def call(self, x):
        r = self.depthRadius
        squared = ops.pad(ops.square(x), [[0, 0], [0, 0], [0, 0], [r, r]])
        channels = x.shape[-1]
        window = sum(squared[..., i : i + channels] for i in range(2 * r + 1))
        return x / ops.power(self.bias + self.alpha * window, self.beta)

    def get_config(self):
        return {**super().get_config(), "depthRadius": self.depthRadius, "bias": self.bias,
                "alpha": self.alpha, "beta": self.beta}


@keras.saving.register_keras_serializable(package="Deepwire")
class BinaryStep(keras.layers.Layer):
    """1 where x >= 0, else 0."""

    def call(self, x):
        return ops.cast(ops.greater_equal(x, 0), x.dtype)


@keras.saving.register_keras_serializable(package="Deepwire")
class ChannelPad(keras.layers.Layer):
    """Zero padding in space and in channels (ResNet's option-A shortcut)."""

    def __init__(self, top=0, bottom=0, left=0, right=0, channelsBefore=0, channelsAfter=0, **kwargs):
        super().__init__(**kwargs)
        self.pads = dict(top=top, bottom=bottom, left=left, right=right,
                         channelsBefore=channelsBefore, channelsAfter=channelsAfter)

    def call(self, x):
        p = self.pads
        return ops.pad(x, [[0, 0], [p["top"], p["bottom"]], [p["left"], p["right"]],
                           [p["channelsBefore"], p["channelsAfter"]]])

    def get_config(self):
        return {**super().get_config(), **self.pads}
`;
