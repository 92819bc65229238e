package io.pinflow.api.sample;

import java.util.SplittableRandom;

/**
 * Receivers as the platform hands them to merchants: masked only. A surname and stars, the first
 * three and last four digits of a phone number, the province and city.
 */
final class SampleBuyers {

  /** The most common surnames, most common first. */
  private static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
          + "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

  private static final String[] PHONE_PREFIXES = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182",
    "183", "185", "186", "187", "188", "189", "191", "198", "199"
  };

  /** Where parcels go, weighted roughly by online shopping volume. */
  private static final String[] PLACES = {
    "广东省广州市",
    "广东省深圳市",
    "广东省东莞市",
    "广东省佛山市",
    "浙江省杭州市",
    "浙江省宁波市",
    "浙江省温州市",
    "江苏省苏州市",
    "江苏省南京市",
    "江苏省无锡市",
    "上海市",
    "北京市",
    "山东省济南市",
    "山东省青岛市",
    "山东省临沂市",
    "河南省郑州市",
    "河南省洛阳市",
    "四川省成都市",
    "湖北省武汉市",
    "湖南省长沙市",
    "福建省福州市",
    "福建省厦门市",
    "河北省石家庄市",
    "安徽省合肥市",
    "重庆市",
    "陕西省西安市",
    "江西省南昌市",
    "广西壮族自治区南宁市",
    "云南省昆明市",
    "辽宁省沈阳市",
    "黑龙江省哈尔滨市",
    "吉林省长春市",
    "山西省太原市",
    "贵州省贵阳市",
    "天津市",
    "内蒙古自治区呼和浩特市",
    "新疆维吾尔自治区乌鲁木齐市",
    "甘肃省兰州市",
    "海南省海口市",
    "宁夏回族自治区银川市"
  };

  private SampleBuyers() {}

  record Receiver(String nameMask, String phoneMask, String addressMask) {}

  static Receiver receiver(final SplittableRandom random) {
    // skewed towards the front of the lists: common names, big cities
    final int surname = skewed(random, SURNAMES.length());
    final String name = SURNAMES.charAt(surname) + (random.nextInt(10) < 7 ? "**" : "*");
    final String phone =
        PHONE_PREFIXES[random.nextInt(PHONE_PREFIXES.length)]
            + "****"
            + String.format("%04d", random.nextInt(10_000));
    final String address = PLACES[skewed(random, PLACES.length)] + "****";
    return new Receiver(name, phone, address);
  }

  private static int skewed(final SplittableRandom random, final int size) {
    final double u = random.nextDouble();
    return Math.min(size - 1, (int) (size * u * u));
  }
}
