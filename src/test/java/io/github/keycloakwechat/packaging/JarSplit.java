package io.github.keycloakwechat.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** How the pom's maven-jar-plugin splits target/classes into the provider jar and the simulator jar. */
record JarSplit(List<String> providerExcludes, List<String> simulatorClassIncludes, String simulatorMainClass) {

    private static final String JAR_PLUGIN = "/project/build/plugins/plugin[artifactId='maven-jar-plugin']/executions/execution";

    static JarSplit fromPom(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(pom.toFile());
            XPath xpath = XPathFactory.newInstance().newXPath();
            List<String> simulatorIncludes = texts(xpath, doc, JAR_PLUGIN + "[id='simulator-jar']/configuration/includes/include");
            // The licence text goes into both jars; the split is about classes.
            simulatorIncludes.removeIf(include -> include.startsWith("META-INF/"));
            return new JarSplit(
                    texts(xpath, doc, JAR_PLUGIN + "[id='default-jar']/configuration/excludes/exclude"),
                    simulatorIncludes,
                    xpath.evaluate(JAR_PLUGIN + "[id='simulator-jar']/configuration/archive/manifest/mainClass", doc).trim());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static List<String> texts(XPath xpath, Document doc, String expression) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }
}
