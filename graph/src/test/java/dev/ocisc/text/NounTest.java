package dev.ocisc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NounTest {
    @Test
    void theNounAgreesWithTheCount() {
        Noun layer = Noun.of("layer");
        assertEquals("0 layers", layer.count(0));
        assertEquals("1 layer", layer.count(1));
        assertEquals("2 layers", layer.count(2));
        Noun cls = new Noun("class", "classes");
        assertEquals("1 class", cls.count(1));
        assertEquals("3 classes", cls.count(3));
    }
}
