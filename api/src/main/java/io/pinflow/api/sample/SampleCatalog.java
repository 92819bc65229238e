package io.pinflow.api.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sample shops' catalogue: goods of a few everyday categories, each in its variants (sizes,
 * colours, packs). A SKU's data depends on its number only, so runs with different seeds or sizes
 * agree on every SKU they share. Which SKUs sell well is up to the seed: popularity follows a Zipf
 * law, ranked differently in each shop.
 */
final class SampleCatalog {

  /** outer_sku_id prefix of the sample SKUs. */
  static final String SKU_PREFIX = "SMP-";

  private static final long CATALOGUE_SEED = 0x51A3_9E0B_C47D_22F1L;
  private static final double ZIPF_EXPONENT = 1.05;

  record Sku(
      String outerSkuId,
      String outerGoodsId,
      String title,
      long categoryId,
      String spec,
      long costFen,
      long priceFen,
      int goods) {}

  private static final String[] STYLES = {
    "新款", "爆款", "加厚", "百搭", "简约", "ins风", "家用", "大容量", "升级款", "经典款"
  };

  /** A kind of goods and the variants it comes in. */
  private record Product(String name, String... specs) {}

  private record Category(long id, long minPriceFen, long maxPriceFen, Product... products) {}

  private static final Category[] CATEGORIES = {
    new Category(
        15001,
        2_990,
        8_990,
        new Product("纯棉短袖T恤 男女同款", "白色/M", "白色/L", "黑色/M", "黑色/L", "灰色/XL", "藏青/XL"),
        new Product("宽松连帽卫衣", "燕麦色/M", "燕麦色/L", "黑色/L", "黑色/XL"),
        new Product("高腰直筒牛仔裤", "浅蓝/26", "浅蓝/27", "浅蓝/28", "深蓝/28", "深蓝/29"),
        new Product("冰丝阔腿裤", "黑色/S", "黑色/M", "杏色/M", "杏色/L"),
        new Product("法式碎花连衣裙", "蓝色/S", "蓝色/M", "粉色/M", "粉色/L"),
        new Product("速干运动短裤", "黑色/L", "灰色/L", "黑色/XL", "灰色/XL")),
    new Category(
        16002,
        990,
        4_990,
        new Product("手撕面包整箱", "1kg", "2kg"),
        new Product("每日坚果礼盒", "15袋装", "30袋装"),
        new Product("柳州螺蛳粉", "3袋装", "5袋装", "10袋装"),
        new Product("麻辣零食大礼包", "30包", "60包"),
        new Product("芒果干", "250g", "500g", "1kg"),
        new Product("黑芝麻丸", "252g", "504g")),
    new Category(
        17003,
        990,
        3_990,
        new Product("加厚原木抽纸", "6包", "12包", "24包"),
        new Product("可折叠收纳箱", "中号", "大号", "特大号", "三件套"),
        new Product("免手洗平板拖把", "1拖2布", "1拖4布"),
        new Product("洗衣凝珠", "52颗", "100颗"),
        new Product("加厚保鲜袋", "小号200只", "中号200只", "大号100只"),
        new Product("厨房湿巾", "80抽", "80抽×3包")),
    new Category(
        18004,
        990,
        12_900,
        new Product("磨砂防摔手机壳", "iPhone 15", "iPhone 15 Pro", "iPhone 16", "华为Mate 60"),
        new Product("快充数据线", "Type-C 1m", "Type-C 2m", "Lightning 1m"),
        new Product("半入耳蓝牙耳机", "白色", "黑色"),
        new Product("小巧充电宝", "10000mAh", "20000mAh"),
        new Product("高清钢化膜", "iPhone 15", "iPhone 16", "华为Mate 60"),
        new Product("桌面手机支架", "白色", "银色")),
    new Category(
        19005,
        1_990,
        9_900,
        new Product("玻尿酸补水面膜", "10片", "20片", "30片"),
        new Product("氨基酸洗面奶", "100g", "200g"),
        new Product("烟酰胺身体乳", "200ml", "400ml"),
        new Product("丝绒哑光口红", "#01", "#03", "#05", "#08"),
        new Product("防晒喷雾", "150ml", "150ml×2")),
    new Category(
        20006,
        1_590,
        12_900,
        new Product("麦饭石不粘锅", "28cm", "32cm"),
        new Product("316不锈钢保温杯", "500ml", "750ml"),
        new Product("耐高温硅胶铲", "单只", "4件套"),
        new Product("陶瓷碗碟套装", "10件套", "18件套"),
        new Product("玻璃保鲜盒", "3件套", "5件套"))
  };

  private final List<Sku> skus;
  private final int[][] rankings;
  private final double[] cumulative;
  private final int[] goodsFirst;
  private final int[] goodsSize;

  private SampleCatalog(
      final List<Sku> skus, final int[][] rankings, final int[] goodsFirst, final int[] goodsSize) {
    this.skus = skus;
    this.rankings = rankings;
    this.goodsFirst = goodsFirst;
    this.goodsSize = goodsSize;
    this.cumulative = new double[skus.size()];
    double sum = 0;
    for (int rank = 0; rank < skus.size(); rank++) {
      sum += 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
      cumulative[rank] = sum;
    }
    for (int rank = 0; rank < cumulative.length; rank++) {
      cumulative[rank] /= sum;
    }
  }

  static SampleCatalog of(final int skuCount, final int shops, final long seed) {
    final List<Sku> skus = new ArrayList<>(skuCount);
    final List<int[]> goods = new ArrayList<>();
    for (int g = 0; skus.size() < skuCount; g++) {
      final SplittableRandom random = new SplittableRandom(CATALOGUE_SEED + 7919L * g);
      final Category category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      final Product product = category.products()[random.nextInt(category.products().length)];
      final String name = STYLES[random.nextInt(STYLES.length)] + " " + product.name();
      final int variants = Math.min(product.specs().length, skuCount - skus.size());
      final long basePrice =
          yuanNinety(
              category.minPriceFen()
                  + (long)
                      (random.nextDouble() * (category.maxPriceFen() - category.minPriceFen())));
      final String goodsId = String.format("%sG%04d", SKU_PREFIX, g + 1);
      goods.add(new int[] {skus.size(), variants});
      for (int v = 0; v < variants; v++) {
        final String spec = product.specs()[v];
        // bigger packs and sizes cost a little more
        final long price = basePrice + v * (basePrice / 10 / 100) * 100;
        final long cost = Math.round(price * (0.35 + 0.3 * random.nextDouble()));
        skus.add(
            new Sku(
                String.format("%s%04d-%02d", SKU_PREFIX, g + 1, v + 1),
                goodsId,
                name + " " + spec,
                category.id(),
                spec,
                cost,
                price,
                goods.size() - 1));
      }
    }
    final int[] goodsFirst = goods.stream().mapToInt(x -> x[0]).toArray();
    final int[] goodsSize = goods.stream().mapToInt(x -> x[1]).toArray();
    final int[][] rankings = new int[shops][];
    for (int shop = 0; shop < shops; shop++) {
      rankings[shop] = shuffled(skuCount, new SplittableRandom(seed * 31 + shop + 1));
    }
    return new SampleCatalog(List.copyOf(skus), rankings, goodsFirst, goodsSize);
  }

  /** Prices end in .90 yuan, as most do on the platform. */
  private static long yuanNinety(final long fen) {
    return Math.max(990, (fen / 100) * 100 - 10);
  }

  private static int[] shuffled(final int size, final SplittableRandom random) {
    final int[] order = new int[size];
    Arrays.setAll(order, i -> i);
    for (int i = size - 1; i > 0; i--) {
      final int j = random.nextInt(i + 1);
      final int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  List<Sku> skus() {
    return skus;
  }

  Sku sku(final int index) {
    return skus.get(index);
  }

  /** A SKU as a buyer of the shop picks it: the shop's best sellers most often. */
  int pick(final int shop, final SplittableRandom random) {
    int rank = Arrays.binarySearch(cumulative, random.nextDouble());
    if (rank < 0) {
      rank = -rank - 1;
    }
    return rankings[shop][Math.min(rank, cumulative.length - 1)];
  }

  /** Another variant of the same goods (another size or colour), or the SKU itself. */
  int sibling(final int index, final SplittableRandom random) {
    final int goods = skus.get(index).goods();
    return goodsFirst[goods] + random.nextInt(goodsSize[goods]);
  }
}
